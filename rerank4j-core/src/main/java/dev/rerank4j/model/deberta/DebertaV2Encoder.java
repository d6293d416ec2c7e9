package dev.rerank4j.model.deberta;

import dev.rerank4j.model.Mode;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.nn.Dropout;
import dev.rerank4j.model.nn.Embedding;
import dev.rerank4j.model.nn.HiddenActivation;
import dev.rerank4j.model.nn.LayerNorm;
import dev.rerank4j.model.nn.Linear;
import dev.rerank4j.model.nn.Ops;
import dev.rerank4j.model.nn.RelativeRows;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Transformers' {@code DebertaV2Encoder} ({@code deberta.encoder.*}): the relative embeddings
 * ({@code rel_embeddings}, {@code 2 att_span} rows, normalised by {@code encoder.LayerNorm} when {@code norm_rel_ebd}
 * says {@code layer_norm}) shared by every layer, and post-norm layers as {@code DebertaV2Layer}: disentangled
 * attention, {@code attention.output.dense} + LayerNorm with the residual, then the feed-forward
 * ({@code intermediate.dense}, activation, {@code output.dense} + LayerNorm with the residual).
 */
final class DebertaV2Encoder {
    private final DebertaV2Config config;
    private final String prefix;
    private final Embedding relEmbeddings;
    private final LayerNorm relNorm; // null without norm_rel_ebd layer_norm
    private final List<Layer> layers;

    DebertaV2Encoder(DebertaV2Config config, String basePrefix) {
        this.config = config;
        this.prefix = basePrefix + ".encoder.";
        this.relEmbeddings = new Embedding(
                prefix + "rel_embeddings.weight", config.relative().embeddingRows(), config.hiddenSize());
        this.relNorm = config.relative().normRelEmbeddings()
                ? new LayerNorm(prefix + "LayerNorm", config.hiddenSize(), config.layerNormEps())
                : null;
        HiddenActivation act = HiddenActivation.forName(config.hiddenAct());
        this.layers = IntStream.range(0, config.numLayers())
                .mapToObj(i -> Layer.of(config, prefix + "layer." + i + ".", act))
                .toList();
    }

    /** The layers, the relative embeddings (with relative attention) and their LayerNorm (with norm_rel_ebd). */
    List<ParamSpec> specs() {
        List<ParamSpec> specs = new ArrayList<>();
        layers.forEach(l -> specs.addAll(l.specs()));
        if (config.relative().enabled()) {
            specs.addAll(relEmbeddings.specs(Role.ENCODER));
        }
        if (relNorm != null) {
            specs.addAll(relNorm.specs(Role.ENCODER));
        }
        return specs;
    }

    /**
     * Runs every layer; each is one {@link Ops#step} (in eager inference its intermediates, the [batch, heads, seq,
     * seq] scores and relative terms, are freed as soon as it is done, so peak memory is one layer's).
     *
     * @param x the embeddings [batch, seq, hidden]
     * @param attentionMask the 0/1 mask [batch, seq]
     */
    <T> T forward(Ops<T> ops, T x, T attentionMask, Mode mode) {
        T mask = ops.paddingMask(attentionMask);
        RelativeRows<T> relative = null;
        if (config.relative().enabled() && !config.relative().terms().isEmpty()) {
            RelativeRows<T> rows = ops.relativeRows(relEmbeddings, x, config.relative());
            T table = relNorm != null ? relNorm.forward(ops, rows.table()) : rows.table();
            relative = new RelativeRows<>(table, rows.c2p(), rows.p2c());
        }
        RelativeRows<T> rel = relative;
        T h = x;
        for (Layer layer : layers) {
            T in = h;
            h = ops.step(mode, () -> layer.forward(ops, in, mask, rel, mode));
        }
        return h;
    }

    /** One {@code DebertaV2Layer}. */
    private record Layer(
            DisentangledAttention attention,
            Linear attentionOutput,
            LayerNorm attentionNorm,
            Linear intermediate,
            HiddenActivation act,
            Linear output,
            LayerNorm outputNorm,
            Dropout dropout) {

        static Layer of(DebertaV2Config config, String l, HiddenActivation act) {
            long h = config.hiddenSize();
            long inter = config.intermediateSize();
            float eps = config.layerNormEps();
            return new Layer(
                    new DisentangledAttention(config, l + "attention.self."),
                    new Linear(l + "attention.output.dense", h, h),
                    new LayerNorm(l + "attention.output.LayerNorm", h, eps),
                    new Linear(l + "intermediate.dense", h, inter),
                    act,
                    new Linear(l + "output.dense", inter, h),
                    new LayerNorm(l + "output.LayerNorm", h, eps),
                    new Dropout(config.hiddenDropout()));
        }

        List<ParamSpec> specs() {
            List<ParamSpec> specs = new ArrayList<>(attention.specs());
            specs.addAll(attentionOutput.specs(Role.ENCODER));
            specs.addAll(attentionNorm.specs(Role.ENCODER));
            specs.addAll(intermediate.specs(Role.ENCODER));
            specs.addAll(output.specs(Role.ENCODER));
            specs.addAll(outputNorm.specs(Role.ENCODER));
            return specs;
        }

        <T> T forward(Ops<T> ops, T x, T mask, RelativeRows<T> relative, Mode mode) {
            T context = attention.forward(ops, x, mask, relative, mode);
            T attended = dropout.forward(ops, attentionOutput.forward(ops, context), mode);
            T h = attentionNorm.forward(ops, ops.add(attended, x));
            T inner = act.apply(ops, intermediate.forward(ops, h));
            T out = dropout.forward(ops, output.forward(ops, inner), mode);
            return outputNorm.forward(ops, ops.add(out, h));
        }
    }
}
