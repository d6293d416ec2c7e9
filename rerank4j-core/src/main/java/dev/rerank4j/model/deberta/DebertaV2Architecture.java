package dev.rerank4j.model.deberta;

import dev.rerank4j.model.ArchitectureDescriptor;
import dev.rerank4j.model.ConfigJson;
import dev.rerank4j.model.ModelConfig;
import dev.rerank4j.model.Network;

/**
 * DeBERTa-v2 and DeBERTa-v3: {@code model_type: deberta-v2}, {@code DebertaV2ForSequenceClassification}, weights
 * under {@code deberta.} (the pooler and classifier at the top level).
 */
public enum DebertaV2Architecture implements ArchitectureDescriptor {
    DESCRIPTOR;

    @Override
    public String modelType() {
        return "deberta-v2";
    }

    @Override
    public String classificationClass() {
        return "DebertaV2ForSequenceClassification";
    }

    @Override
    public String basePrefix() {
        return "deberta";
    }

    @Override
    public int defaultPadTokenId() {
        return DebertaV2Config.DEFAULT_PAD_TOKEN_ID;
    }

    @Override
    public DebertaV2Config readConfig(ConfigJson json) {
        return DebertaV2Config.fromJson(json);
    }

    @Override
    public Network network(ModelConfig config) {
        return new DebertaV2Network(this, deberta(config));
    }

    /** Whether the token-type table has more than one row (DeBERTa-v3 has none). */
    @Override
    public boolean usesTokenTypes(ModelConfig config) {
        return deberta(config).typeVocabSize() > 1;
    }

    private static DebertaV2Config deberta(ModelConfig config) {
        if (config instanceof DebertaV2Config deberta) {
            return deberta;
        }
        throw new IllegalArgumentException("a deberta-v2 network needs a DebertaV2Config, got "
                + config.getClass().getSimpleName() + " (model_type \"" + config.modelType() + "\")");
    }
}
