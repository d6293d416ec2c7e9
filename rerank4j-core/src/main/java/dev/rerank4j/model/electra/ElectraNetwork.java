package dev.rerank4j.model.electra;

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
import dev.rerank4j.model.bert.BertEncoder;
import dev.rerank4j.model.bert.BertNetwork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ELECTRA (discriminator) with transformers' {@code ElectraForSequenceClassification} head
 * ({@code classifier.dense} + GELU on the first token, then {@code classifier.out_proj}).
 *
 * <p>Embeddings have {@code embedding_size} columns; when that differs from {@code hidden_size} they are projected
 * by {@code electra.embeddings_project}.
 */
public final class ElectraNetwork implements Network {
    private static final String PREFIX = "electra";
    private final ModelConfig config;
    private final BertEncoder encoder;

    public ElectraNetwork(ModelConfig config) {
        this.config = config;
        this.encoder = new BertEncoder(config, PREFIX);
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public String basePrefix() {
        return PREFIX;
    }

    private boolean projects() {
        return config.embeddingSize() != config.hiddenSize();
    }

    @Override
    public List<ParamSpec> parameterSpecs() {
        long h = config.hiddenSize();
        long e = config.embeddingSize();
        List<ParamSpec> specs = new ArrayList<>(BertNetwork.embeddingSpecs(config, PREFIX, e));
        if (projects()) {
            specs.addAll(Arrays.asList(ParamSpec.linear(PREFIX + ".embeddings_project", e, h, Role.ENCODER)));
        }
        specs.addAll(encoder.specs());
        specs.addAll(Arrays.asList(ParamSpec.linear("classifier.dense", h, h, Role.HEAD)));
        specs.addAll(Arrays.asList(ParamSpec.linear("classifier.out_proj", h, config.numLabels(), Role.HEAD)));
        return specs;
    }

    @Override
    public NDArray hiddenStates(Parameters p, Inputs in, Mode mode) {
        NDArray positions = Layers.positions(in);
        NDArray x = BertNetwork.embed(p, config, PREFIX, in, positions, mode);
        if (projects()) {
            x = Layers.linear(p, PREFIX + ".embeddings_project", x);
        }
        return encoder.forward(p, x, in.attentionMask(), mode);
    }

    @Override
    public NDArray logits(Parameters p, NDArray hidden, Mode mode) {
        float drop = config.headDropout();
        NDArray x = Layers.dropout(hidden.get(new NDIndex(":, 0, :")), drop, mode);
        x = Layers.activation("gelu", Layers.linear(p, "classifier.dense", x));
        return Layers.linear(p, "classifier.out_proj", Layers.dropout(x, drop, mode));
    }
}
