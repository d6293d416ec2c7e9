package dev.rerank4j.model.modernbert;

import dev.rerank4j.model.ArchitectureDescriptor;
import dev.rerank4j.model.ConfigJson;
import dev.rerank4j.model.ModelConfig;
import dev.rerank4j.model.Network;

/**
 * ModernBERT: {@code model_type: modernbert}, {@code ModernBertForSequenceClassification}, encoder weights under
 * {@code model.}, head weights {@code head.*} and {@code classifier.*}; no position table (rotary embeddings) and no
 * token types.
 */
public enum ModernBertArchitecture implements ArchitectureDescriptor {
    DESCRIPTOR;

    @Override
    public String modelType() {
        return "modernbert";
    }

    @Override
    public String classificationClass() {
        return "ModernBertForSequenceClassification";
    }

    @Override
    public String basePrefix() {
        return "model";
    }

    @Override
    public int defaultPadTokenId() {
        return ModernBertConfig.DEFAULT_PAD_TOKEN_ID;
    }

    @Override
    public ModernBertConfig readConfig(ConfigJson json) {
        return ModernBertConfig.fromJson(json);
    }

    @Override
    public Network network(ModelConfig config) {
        return new ModernBertNetwork(this, modernBert(config));
    }

    /** ModernBERT's tokenizer returns no {@code token_type_ids} and the model has no table for them. */
    @Override
    public boolean usesTokenTypes(ModelConfig config) {
        return false;
    }

    private static ModernBertConfig modernBert(ModelConfig config) {
        if (config instanceof ModernBertConfig m) {
            return m;
        }
        throw new IllegalArgumentException("a modernbert network needs a ModernBertConfig, got "
                + config.getClass().getSimpleName() + " (model_type \"" + config.modelType() + "\")");
    }
}
