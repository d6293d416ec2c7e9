package dev.rerank4j.model.deberta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import dev.rerank4j.model.Mode;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Init;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.Parameters;
import dev.rerank4j.model.nn.AttentionMask;
import dev.rerank4j.model.nn.Dropout;
import dev.rerank4j.model.nn.HiddenActivation;
import dev.rerank4j.model.nn.LayerNorm;
import dev.rerank4j.model.nn.Linear;
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
    private final LayerNorm relNorm; // null without norm_rel_ebd layer_norm
    private final List<Layer> layers;

    DebertaV2Encoder(DebertaV2Config config, String basePrefix) {
        this.config = config;
        this.prefix = basePrefix + ".encoder.";
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
            long rows = config.relative().embeddingRows();
            specs.add(new ParamSpec(
                    relEmbeddingsName(), new long[] {rows, config.hiddenSize()}, Role.ENCODER, Init.NORMAL));
        }
        if (relNorm != null) {
            specs.addAll(relNorm.specs(Role.ENCODER));
        }
        return specs;
    }

    /**
     * Runs every layer.
     *
     * @param x the embeddings [batch, seq, hidden]
     * @param attentionMask the 0/1 mask [batch, seq]
     */
    NDArray forward(Parameters p, NDArray x, NDArray attentionMask, Mode mode) {
        NDArray mask = AttentionMask.padding(attentionMask);
        NDArray rel = null;
        RelativeIndices indices = null;
        if (config.relative().enabled() && !config.relative().terms().isEmpty()) {
            int seq = Math.toIntExact(x.getShape().get(1));
            RelativePositions positions = RelativePositions.of(seq, config.relative());
            rel = p.get(relEmbeddingsName())
                    .get(new NDIndex("{}:{}", positions.first(), positions.first() + positions.rows()));
            if (relNorm != null) {
                rel = relNorm.forward(p, rel);
            }
            indices = RelativeIndices.of(x.getManager(), positions, x.getShape().get(0), config.numHeads());
        }
        for (Layer layer : layers) {
            if (mode == Mode.TRAINING) {
                x = layer.forward(p, x, mask, rel, indices, mode); // autograd keeps every intermediate
                continue;
            }
            // Inference: free each layer's intermediates (scores and relative terms are [batch, heads, seq, seq]
            // and larger) once the layer is done; the output moves to the caller's scope.
            NDScope scope = new NDScope();
            try {
                x = layer.forward(p, x, mask, rel, indices, mode);
                NDScope.unregister(x);
            } finally {
                scope.close();
            }
            NDScope.register(x);
        }
        return x;
    }

    private String relEmbeddingsName() {
        return prefix + "rel_embeddings.weight";
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

        NDArray forward(Parameters p, NDArray x, NDArray mask, NDArray rel, RelativeIndices indices, Mode mode) {
            NDArray context = attention.forward(p, x, mask, rel, indices, mode);
            NDArray attended = dropout.forward(attentionOutput.forward(p, context), mode);
            NDArray h = attentionNorm.forward(p, attended.add(x));
            NDArray inner = act.apply(intermediate.forward(p, h));
            NDArray out = dropout.forward(output.forward(p, inner), mode);
            return outputNorm.forward(p, out.add(h));
        }
    }
}
