package dev.rerank4j.model.bert;

import ai.djl.ndarray.NDArray;
import dev.rerank4j.model.Mode;
import dev.rerank4j.model.ModelConfig;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.Parameters;
import dev.rerank4j.model.nn.Dropout;
import dev.rerank4j.model.nn.EagerOps;
import dev.rerank4j.model.nn.HiddenActivation;
import dev.rerank4j.model.nn.LayerNorm;
import dev.rerank4j.model.nn.Linear;
import dev.rerank4j.model.nn.MultiHeadAttention;
import dev.rerank4j.model.nn.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The transformer layer stack BERT, RoBERTa, XLM-RoBERTa and ELECTRA share ({@code encoder.layer.N.*}): post-norm
 * self-attention and feed-forward blocks, as transformers' {@code BertLayer}.
 */
public final class BertEncoder {
    private final List<Layer> layers;

    /**
     * @param config the model configuration
     * @param prefix the base-model prefix, e.g. {@code bert} (weights are {@code bert.encoder.layer.N.*})
     */
    public BertEncoder(ModelConfig config, String prefix) {
        HiddenActivation act = HiddenActivation.forName(config.hiddenAct());
        this.layers = IntStream.range(0, config.numLayers())
                .mapToObj(i -> Layer.of(config, prefix + ".encoder.layer." + i + ".", act))
                .toList();
    }

    /** The weights of every layer. */
    public List<ParamSpec> specs() {
        List<ParamSpec> specs = new ArrayList<>();
        layers.forEach(l -> specs.addAll(l.specs()));
        return specs;
    }

    /**
     * Runs every layer.
     *
     * @param x the embeddings [batch, seq, hidden]
     * @param attentionMask the 0/1 mask [batch, seq]
     */
    public NDArray forward(Parameters p, NDArray x, NDArray attentionMask, Mode mode) {
        return forward(EagerOps.of(p), x, attentionMask, mode);
    }

    /**
     * Runs every layer; each is one {@link Ops#step} (in eager inference its intermediates are freed as soon as it is
     * done, so peak memory is one layer's).
     *
     * @param x the embeddings [batch, seq, hidden]
     * @param attentionMask the 0/1 mask [batch, seq]
     */
    public <T> T forward(Ops<T> ops, T x, T attentionMask, Mode mode) {
        T mask = ops.paddingMask(attentionMask);
        T h = x;
        for (Layer layer : layers) {
            T in = h;
            h = ops.step(mode, () -> layer.forward(ops, in, mask, mode));
        }
        return h;
    }

    /** One {@code BertLayer}: {@code BertAttention} (self-attention + {@code BertSelfOutput}), then the feed-forward. */
    private record Layer(
            Linear query,
            Linear key,
            Linear value,
            MultiHeadAttention attention,
            Linear attentionOutput,
            LayerNorm attentionNorm,
            Linear intermediate,
            HiddenActivation act,
            Linear output,
            LayerNorm outputNorm,
            Dropout dropout) {

        static Layer of(ModelConfig config, String l, HiddenActivation act) {
            long h = config.hiddenSize();
            long inter = config.intermediateSize();
            float eps = config.layerNormEps();
            return new Layer(
                    new Linear(l + "attention.self.query", h, h),
                    new Linear(l + "attention.self.key", h, h),
                    new Linear(l + "attention.self.value", h, h),
                    new MultiHeadAttention(config.numHeads(), new Dropout(config.attentionDropout())),
                    new Linear(l + "attention.output.dense", h, h),
                    new LayerNorm(l + "attention.output.LayerNorm", h, eps),
                    new Linear(l + "intermediate.dense", h, inter),
                    act,
                    new Linear(l + "output.dense", inter, h),
                    new LayerNorm(l + "output.LayerNorm", h, eps),
                    new Dropout(config.hiddenDropout()));
        }

        List<ParamSpec> specs() {
            List<ParamSpec> specs = new ArrayList<>();
            for (Linear linear : List.of(query, key, value, attentionOutput)) {
                specs.addAll(linear.specs(Role.ENCODER));
            }
            specs.addAll(attentionNorm.specs(Role.ENCODER));
            specs.addAll(intermediate.specs(Role.ENCODER));
            specs.addAll(output.specs(Role.ENCODER));
            specs.addAll(outputNorm.specs(Role.ENCODER));
            return specs;
        }

        <T> T forward(Ops<T> ops, T x, T mask, Mode mode) {
            T context = attention.forward(
                    ops, query.forward(ops, x), key.forward(ops, x), value.forward(ops, x), mask, mode);
            T attended = dropout.forward(ops, attentionOutput.forward(ops, context), mode);
            T h = attentionNorm.forward(ops, ops.add(attended, x));
            T inner = act.apply(ops, intermediate.forward(ops, h));
            T out = dropout.forward(ops, output.forward(ops, inner), mode);
            return outputNorm.forward(ops, ops.add(out, h));
        }
    }
}
