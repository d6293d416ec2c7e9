package dev.rerank4j.model.electra;

import dev.rerank4j.model.ArchitectureDescriptor;
import dev.rerank4j.model.ConfigJson;
import dev.rerank4j.model.ModelConfig;
import dev.rerank4j.model.Network;

/** ELECTRA discriminators: {@code model_type: electra}, {@code ElectraForSequenceClassification}, under {@code electra.}. */
public enum ElectraArchitecture implements ArchitectureDescriptor {
    DESCRIPTOR;

    @Override
    public String modelType() {
        return "electra";
    }

    @Override
    public String classificationClass() {
        return "ElectraForSequenceClassification";
    }

    @Override
    public String basePrefix() {
        return "electra";
    }

    @Override
    public int defaultPadTokenId() {
        return ElectraConfig.DEFAULT_PAD_TOKEN_ID;
    }

    @Override
    public ElectraConfig readConfig(ConfigJson json) {
        return ElectraConfig.fromJson(json);
    }

    @Override
    public Network network(ModelConfig config) {
        return new ElectraNetwork(this, electra(config));
    }

    /** Whether the token-type table has more than one row. */
    @Override
    public boolean usesTokenTypes(ModelConfig config) {
        return electra(config).typeVocabSize() > 1;
    }

    private static ElectraConfig electra(ModelConfig config) {
        if (config instanceof ElectraConfig electra) {
            return electra;
        }
        throw new IllegalArgumentException("an electra network needs an ElectraConfig, got "
                + config.getClass().getSimpleName() + " (model_type \"" + config.modelType() + "\")");
    }
}
