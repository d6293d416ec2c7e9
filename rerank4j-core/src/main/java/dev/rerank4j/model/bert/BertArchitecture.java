package dev.rerank4j.model.bert;

import dev.rerank4j.model.ArchitectureDescriptor;
import dev.rerank4j.model.ConfigJson;
import dev.rerank4j.model.ModelConfig;
import dev.rerank4j.model.Network;

/** BERT and MiniLM: {@code model_type: bert}, {@code BertForSequenceClassification}, weights under {@code bert.}. */
public enum BertArchitecture implements ArchitectureDescriptor {
    DESCRIPTOR;

    @Override
    public String modelType() {
        return "bert";
    }

    @Override
    public String classificationClass() {
        return "BertForSequenceClassification";
    }

    @Override
    public String basePrefix() {
        return "bert";
    }

    @Override
    public int defaultPadTokenId() {
        return BertConfig.DEFAULT_PAD_TOKEN_ID;
    }

    @Override
    public BertConfig readConfig(ConfigJson json) {
        return BertConfig.fromJson(json);
    }

    @Override
    public Network network(ModelConfig config) {
        return new BertNetwork(this, bert(config));
    }

    /** Whether the token-type table has more than one row. */
    @Override
    public boolean usesTokenTypes(ModelConfig config) {
        return bert(config).typeVocabSize() > 1;
    }

    private static BertConfig bert(ModelConfig config) {
        if (config instanceof BertConfig bert) {
            return bert;
        }
        throw new IllegalArgumentException("a bert network needs a BertConfig, got "
                + config.getClass().getSimpleName() + " (model_type \"" + config.modelType() + "\")");
    }
}
