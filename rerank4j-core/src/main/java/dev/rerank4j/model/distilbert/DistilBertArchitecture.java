package dev.rerank4j.model.distilbert;

import dev.rerank4j.model.ArchitectureDescriptor;
import dev.rerank4j.model.ConfigJson;
import dev.rerank4j.model.ModelConfig;
import dev.rerank4j.model.Network;

/**
 * DistilBERT: {@code model_type: distilbert}, {@code DistilBertForSequenceClassification}, weights under
 * {@code distilbert.}, no token types.
 */
public enum DistilBertArchitecture implements ArchitectureDescriptor {
    DESCRIPTOR;

    @Override
    public String modelType() {
        return "distilbert";
    }

    @Override
    public String classificationClass() {
        return "DistilBertForSequenceClassification";
    }

    @Override
    public String basePrefix() {
        return "distilbert";
    }

    @Override
    public int defaultPadTokenId() {
        return DistilBertConfig.DEFAULT_PAD_TOKEN_ID;
    }

    @Override
    public DistilBertConfig readConfig(ConfigJson json) {
        return DistilBertConfig.fromJson(json);
    }

    @Override
    public Network network(ModelConfig config) {
        if (config instanceof DistilBertConfig distil) {
            return new DistilBertNetwork(this, distil);
        }
        throw new IllegalArgumentException("a distilbert network needs a DistilBertConfig, got "
                + config.getClass().getSimpleName() + " (model_type \"" + config.modelType() + "\")");
    }

    /** DistilBERT has no token-type embeddings. */
    @Override
    public boolean usesTokenTypes(ModelConfig config) {
        return false;
    }
}
