package dev.rerank4j.model.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import dev.rerank4j.ModelFormatException;
import dev.rerank4j.model.Layers;
import dev.rerank4j.model.Mode;
import dev.rerank4j.model.ModelConfig;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.Parameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The transformer layer stack BERT, RoBERTa, XLM-RoBERTa and ELECTRA share ({@code encoder.layer.N.*}): post-norm
 * self-attention and feed-forward blocks, as transformers' {@code BertLayer}.
 */
public final class BertEncoder {
    private final ModelConfig config;
    private final String prefix;

    /**
     * @param config the model configuration
     * @param prefix the base-model prefix, e.g. {@code bert} (weights are {@code bert.encoder.layer.N.*})
     */
    public BertEncoder(ModelConfig config, String prefix) {
        this.config = config;
        this.prefix = prefix;
        Layers.checkActivation(config.hiddenAct());
        String positions = config.raw().path("position_embedding_type").asText("absolute");
        if (!positions.equals("absolute")) {
            throw new ModelFormatException("unsupported position_embedding_type \"" + positions
                    + "\" in config.json; rerank4j supports \"absolute\" position embeddings");
        }
    }

    /** The weights of every layer. */
    public List<ParamSpec> specs() {
        List<ParamSpec> specs = new ArrayList<>();
        long h = config.hiddenSize();
        long inter = config.intermediateSize();
        for (int i = 0; i < config.numLayers(); i++) {
            String l = layer(i);
            specs.addAll(Arrays.asList(ParamSpec.linear(l + "attention.self.query", h, h, Role.ENCODER)));
            specs.addAll(Arrays.asList(ParamSpec.linear(l + "attention.self.key", h, h, Role.ENCODER)));
            specs.addAll(Arrays.asList(ParamSpec.linear(l + "attention.self.value", h, h, Role.ENCODER)));
            specs.addAll(Arrays.asList(ParamSpec.linear(l + "attention.output.dense", h, h, Role.ENCODER)));
            specs.addAll(Arrays.asList(ParamSpec.layerNorm(l + "attention.output.LayerNorm", h, Role.ENCODER)));
            specs.addAll(Arrays.asList(ParamSpec.linear(l + "intermediate.dense", h, inter, Role.ENCODER)));
            specs.addAll(Arrays.asList(ParamSpec.linear(l + "output.dense", inter, h, Role.ENCODER)));
            specs.addAll(Arrays.asList(ParamSpec.layerNorm(l + "output.LayerNorm", h, Role.ENCODER)));
        }
        return specs;
    }

    /**
     * Runs every layer.
     *
     * @param x the embeddings [batch, seq, hidden]
     * @param attentionMask the 0/1 mask [batch, seq]
     */
    public NDArray forward(Parameters p, NDArray x, NDArray attentionMask, Mode mode) {
        NDArray mask = Layers.additiveMask(attentionMask);
        for (int i = 0; i < config.numLayers(); i++) {
            if (mode == Mode.TRAINING) {
                x = layer(p, i, x, mask, mode); // autograd keeps every intermediate until backward
                continue;
            }
            // Inference: free each layer's intermediates (attention scores are [batch, heads, seq, seq]) as soon as
            // the layer is done, so peak memory is one layer's, not all layers'. The output moves to the caller's
            // scope.
            NDScope scope = new NDScope();
            try {
                x = layer(p, i, x, mask, mode);
                NDScope.unregister(x);
            } finally {
                scope.close();
            }
            NDScope.register(x);
        }
        return x;
    }

    private NDArray layer(Parameters p, int i, NDArray x, NDArray mask, Mode mode) {
        float eps = config.layerNormEps();
        float drop = config.hiddenDropout();
        String l = layer(i);
        NDArray q = Layers.linear(p, l + "attention.self.query", x);
        NDArray k = Layers.linear(p, l + "attention.self.key", x);
        NDArray v = Layers.linear(p, l + "attention.self.value", x);
        NDArray context = Layers.attention(q, k, v, mask, config.numHeads(), config.attentionDropout(), mode);
        NDArray attended = Layers.dropout(Layers.linear(p, l + "attention.output.dense", context), drop, mode);
        NDArray h = Layers.layerNorm(p, l + "attention.output.LayerNorm", attended.add(x), eps);
        NDArray inner = Layers.activation(config.hiddenAct(), Layers.linear(p, l + "intermediate.dense", h));
        NDArray out = Layers.dropout(Layers.linear(p, l + "output.dense", inner), drop, mode);
        return Layers.layerNorm(p, l + "output.LayerNorm", out.add(h), eps);
    }

    private String layer(int i) {
        return prefix + ".encoder.layer." + i + ".";
    }
}
