package dev.rerank4j.model.qwen3;

import dev.rerank4j.model.ArchitectureDescriptor;
import dev.rerank4j.model.ConfigJson;
import dev.rerank4j.model.ModelConfig;
import dev.rerank4j.model.Network;

/**
 * Qwen3 ({@code model_type: qwen3}) and Qwen2 ({@code qwen2}, the same decoder with q/k/v biases and no q/k norms),
 * weights under {@code model.}: as a causal LM scored through sentence-transformers' {@code LogitScore}
 * ({@code Qwen3ForCausalLM}, e.g. {@code Qwen/Qwen3-Reranker-0.6B}) or as the converted
 * {@code Qwen3ForSequenceClassification} (score head on the last token).
 */
public enum Qwen3Architecture implements ArchitectureDescriptor {
    QWEN3("qwen3", "Qwen3ForSequenceClassification"),
    QWEN2("qwen2", "Qwen2ForSequenceClassification");

    private final String modelType;
    private final String classificationClass;

    Qwen3Architecture(String modelType, String classificationClass) {
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

    /** The transformers class of the causal-LM form, e.g. {@code Qwen3ForCausalLM}. */
    public String causalLmClass() {
        return classificationClass.replace("ForSequenceClassification", "ForCausalLM");
    }

    @Override
    public String basePrefix() {
        return "model";
    }

    @Override
    public int defaultPadTokenId() {
        return Qwen3Config.DEFAULT_PAD_TOKEN_ID;
    }

    @Override
    public Qwen3Config readConfig(ConfigJson json) {
        return Qwen3Config.fromJson(json, this == QWEN2);
    }

    @Override
    public Network network(ModelConfig config) {
        if (config instanceof Qwen3Config qwen) {
            return new Qwen3Network(this, qwen);
        }
        throw new IllegalArgumentException("a " + modelType + " network needs a Qwen3Config, got "
                + config.getClass().getSimpleName() + " (model_type \"" + config.modelType() + "\")");
    }

    /** Decoders read no token type ids. */
    @Override
    public boolean usesTokenTypes(ModelConfig config) {
        return false;
    }
}
