package dev.rerank4j.model.bert;

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
 * BERT (and MiniLM, which is a BERT) with transformers' {@code BertForSequenceClassification} head: the pooler
 * (dense + tanh on the [CLS] state), dropout, then {@code classifier}.
 */
public final class BertNetwork implements Network {
    private static final String PREFIX = "bert";
    private final ModelConfig config;
    private final BertEncoder encoder;

    public BertNetwork(ModelConfig config) {
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

    @Override
    public List<ParamSpec> parameterSpecs() {
        long h = config.hiddenSize();
        List<ParamSpec> specs = new ArrayList<>(embeddingSpecs(config, PREFIX, h));
        specs.addAll(encoder.specs());
        specs.addAll(Arrays.asList(ParamSpec.linear(PREFIX + ".pooler.dense", h, h, Role.HEAD)));
        specs.addAll(Arrays.asList(ParamSpec.linear("classifier", h, config.numLabels(), Role.HEAD)));
        return specs;
    }

    /** Word, position and token-type embeddings plus their LayerNorm, of width {@code size}. */
    public static List<ParamSpec> embeddingSpecs(ModelConfig config, String prefix, long size) {
        List<ParamSpec> specs = new ArrayList<>();
        String e = prefix + ".embeddings.";
        specs.add(ParamSpec.embedding(e + "word_embeddings.weight", config.vocabSize(), size, Role.ENCODER));
        specs.add(ParamSpec.embedding(
                e + "position_embeddings.weight", config.maxPositionEmbeddings(), size, Role.ENCODER));
        if (config.typeVocabSize() > 0) {
            specs.add(ParamSpec.embedding(
                    e + "token_type_embeddings.weight", config.typeVocabSize(), size, Role.ENCODER));
        }
        specs.addAll(Arrays.asList(ParamSpec.layerNorm(e + "LayerNorm", size, Role.ENCODER)));
        return specs;
    }

    /**
     * Embeds a batch as transformers' {@code BertEmbeddings}: words + token types + positions, LayerNorm, dropout.
     *
     * @param positionIds int64 position ids [batch, seq]
     */
    public static NDArray embed(
            Parameters p, ModelConfig config, String prefix, Inputs in, NDArray positionIds, Mode mode) {
        String e = prefix + ".embeddings.";
        NDArray x = Layers.embedding(p, e + "word_embeddings.weight", in.inputIds());
        if (config.typeVocabSize() > 0) {
            x = x.add(Layers.embedding(p, e + "token_type_embeddings.weight", in.tokenTypeIds()));
        }
        x = x.add(Layers.embedding(p, e + "position_embeddings.weight", positionIds));
        x = Layers.layerNorm(p, e + "LayerNorm", x, config.layerNormEps());
        return Layers.dropout(x, config.hiddenDropout(), mode);
    }

    @Override
    public NDArray hiddenStates(Parameters p, Inputs in, Mode mode) {
        NDArray positions = Layers.positions(in);
        NDArray x = embed(p, config, PREFIX, in, positions, mode);
        return encoder.forward(p, x, in.attentionMask(), mode);
    }

    @Override
    public NDArray logits(Parameters p, NDArray hidden, Mode mode) {
        NDArray cls = hidden.get(new NDIndex(":, 0, :"));
        NDArray pooled = Layers.linear(p, PREFIX + ".pooler.dense", cls).tanh();
        return Layers.linear(p, "classifier", Layers.dropout(pooled, config.headDropout(), mode));
    }
}
