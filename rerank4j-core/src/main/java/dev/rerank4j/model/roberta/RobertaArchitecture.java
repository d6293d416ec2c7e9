package dev.rerank4j.model.roberta;

import dev.rerank4j.model.ArchitectureDescriptor;
import dev.rerank4j.model.ConfigJson;
import dev.rerank4j.model.ModelConfig;
import dev.rerank4j.model.Network;

/**
 * RoBERTa and XLM-RoBERTa: one network, weights under {@code roberta.}, positions counted from
 * {@code padding_idx + 1}, no token types.
 */
public enum RobertaArchitecture implements ArchitectureDescriptor {
    /** {@code model_type: roberta}. */
    ROBERTA("roberta", "RobertaForSequenceClassification"),
    /** {@code model_type: xlm-roberta}. */
    XLM_ROBERTA("xlm-roberta", "XLMRobertaForSequenceClassification");

    private final String modelType;
    private final String classificationClass;

    RobertaArchitecture(String modelType, String classificationClass) {
        this.modelType = modelType;
        this.classificationClass = classificationClass;
    }

    @Override
    public String modelType() {
        return modelType;
    }

    @Override
    public String classificationClass() {
        return classificationClass;
    }

    @Override
    public String basePrefix() {
        return "roberta";
    }

    @Override
    public int defaultPadTokenId() {
        return RobertaConfig.DEFAULT_PAD_TOKEN_ID;
    }

    @Override
    public RobertaConfig readConfig(ConfigJson json) {
        return RobertaConfig.fromJson(json);
    }

    @Override
    public Network network(ModelConfig config) {
        return new RobertaNetwork(this, roberta(config));
    }

    /** Positions start after {@code padding_idx} (= {@code pad_token_id}), as {@code create_position_ids_from_input_ids}. */
    @Override
    public int positionOffset(ModelConfig config) {
        return config.padTokenId() + 1;
    }

    /** RoBERTa tokenizers return no {@code token_type_ids}; transformers then uses zeros. */
    @Override
    public boolean usesTokenTypes(ModelConfig config) {
        return false;
    }

    private RobertaConfig roberta(ModelConfig config) {
        if (config instanceof RobertaConfig roberta) {
            return roberta;
        }
        throw new IllegalArgumentException("a " + modelType + " network needs a RobertaConfig, got "
                + config.getClass().getSimpleName() + " (model_type \"" + config.modelType() + "\")");
    }
}
