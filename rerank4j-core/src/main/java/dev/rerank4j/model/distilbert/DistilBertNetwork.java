package dev.rerank4j.model.distilbert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.rerank4j.model.Inputs;
import dev.rerank4j.model.Layers;
import dev.rerank4j.model.Mode;
import dev.rerank4j.model.ModelConfig;
import dev.rerank4j.model.Network;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.Parameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DistilBERT with transformers' {@code DistilBertForSequenceClassification} head: {@code pre_classifier} + ReLU on
 * the first token, dropout ({@code seq_classif_dropout}), then {@code classifier}. No token types; weights under
 * {@code distilbert.transformer.layer.N} with DistilBERT's own names ({@code q_lin}, {@code sa_layer_norm},
 * {@code ffn.lin1}...).
 */
public final class DistilBertNetwork implements Network {
    private static final String PREFIX = "distilbert";
    private final ModelConfig config;

    public DistilBertNetwork(ModelConfig config) {
        this.config = config;
        // With sinusoidal_pos_embds the table is still stored as position_embeddings.weight: it loads like any weight.
        Layers.checkActivation(config.hiddenAct());
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public String basePrefix() {
        return PREFIX;
    }

    @Override
    public boolean usesTokenTypes() {
        return false;
    }

    @Override
    public List<ParamSpec> parameterSpecs() {
        long h = config.hiddenSize();
        long inter = config.intermediateSize();
        List<ParamSpec> specs = new ArrayList<>();
        String e = PREFIX + ".embeddings.";
        specs.add(ParamSpec.embedding(e + "word_embeddings.weight", config.vocabSize(), h, Role.ENCODER));
        specs.add(
                ParamSpec.embedding(e + "position_embeddings.weight", config.maxPositionEmbeddings(), h, Role.ENCODER));
        specs.addAll(Arrays.asList(ParamSpec.layerNorm(e + "LayerNorm", h, Role.ENCODER)));
        for (int i = 0; i < config.numLayers(); i++) {
            String l = layer(i);
            for (String proj : List.of("q_lin", "k_lin", "v_lin", "out_lin")) {
                specs.addAll(Arrays.asList(ParamSpec.linear(l + "attention." + proj, h, h, Role.ENCODER)));
            }
            specs.addAll(Arrays.asList(ParamSpec.layerNorm(l + "sa_layer_norm", h, Role.ENCODER)));
            specs.addAll(Arrays.asList(ParamSpec.linear(l + "ffn.lin1", h, inter, Role.ENCODER)));
            specs.addAll(Arrays.asList(ParamSpec.linear(l + "ffn.lin2", inter, h, Role.ENCODER)));
            specs.addAll(Arrays.asList(ParamSpec.layerNorm(l + "output_layer_norm", h, Role.ENCODER)));
        }
        specs.addAll(Arrays.asList(ParamSpec.linear("pre_classifier", h, h, Role.HEAD)));
        specs.addAll(Arrays.asList(ParamSpec.linear("classifier", h, config.numLabels(), Role.HEAD)));
        return specs;
    }

    @Override
    public NDArray hiddenStates(Parameters p, Inputs in, Mode mode) {
        String e = PREFIX + ".embeddings.";
        NDArray positions = Layers.positions(in);
        NDArray x = Layers.embedding(p, e + "word_embeddings.weight", in.inputIds())
                .add(Layers.embedding(p, e + "position_embeddings.weight", positions));
        x = Layers.dropout(
                Layers.layerNorm(p, e + "LayerNorm", x, config.layerNormEps()), config.hiddenDropout(), mode);
        NDArray mask = Layers.additiveMask(in.attentionMask());
        float eps = config.layerNormEps();
        for (int i = 0; i < config.numLayers(); i++) {
            String l = layer(i);
            NDArray q = Layers.linear(p, l + "attention.q_lin", x);
            NDArray k = Layers.linear(p, l + "attention.k_lin", x);
            NDArray v = Layers.linear(p, l + "attention.v_lin", x);
            NDArray context = Layers.attention(q, k, v, mask, config.numHeads(), config.attentionDropout(), mode);
            NDArray attended = Layers.linear(p, l + "attention.out_lin", context);
            x = Layers.layerNorm(p, l + "sa_layer_norm", attended.add(x), eps);
            NDArray inner = Layers.activation(config.hiddenAct(), Layers.linear(p, l + "ffn.lin1", x));
            NDArray out = Layers.dropout(Layers.linear(p, l + "ffn.lin2", inner), config.hiddenDropout(), mode);
            x = Layers.layerNorm(p, l + "output_layer_norm", out.add(x), eps);
        }
        return x;
    }

    @Override
    public NDArray logits(Parameters p, NDArray hidden, Mode mode) {
        NDArray x = hidden.get(new NDIndex(":, 0, :"));
        x = ai.djl.nn.Activation.relu(Layers.linear(p, "pre_classifier", x));
        return Layers.linear(p, "classifier", Layers.dropout(x, config.headDropout(), mode));
    }

    private static String layer(int i) {
        return PREFIX + ".transformer.layer." + i + ".";
    }
}
