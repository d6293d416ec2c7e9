package dev.rerank4j.model;

import dev.rerank4j.ModelFormatException;
import dev.rerank4j.model.bert.BertNetwork;
import dev.rerank4j.model.distilbert.DistilBertNetwork;
import dev.rerank4j.model.electra.ElectraNetwork;
import dev.rerank4j.model.roberta.RobertaNetwork;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The encoder architectures rerank4j runs, keyed by {@code config.json}'s {@code model_type}. */
public enum Architecture {
    BERT("bert", "BertForSequenceClassification", BertNetwork::new),
    ELECTRA("electra", "ElectraForSequenceClassification", ElectraNetwork::new),
    ROBERTA("roberta", "RobertaForSequenceClassification", RobertaNetwork::new),
    XLM_ROBERTA("xlm-roberta", "XLMRobertaForSequenceClassification", RobertaNetwork::new),
    DISTILBERT("distilbert", "DistilBertForSequenceClassification", DistilBertNetwork::new);

    private final String modelType;
    private final String classificationClass;
    private final Function<ModelConfig, Network> factory;

    Architecture(String modelType, String classificationClass, Function<ModelConfig, Network> factory) {
        this.modelType = modelType;
        this.classificationClass = classificationClass;
        this.factory = factory;
    }

    /** The {@code model_type} in config.json. */
    public String modelType() {
        return modelType;
    }

    /** The transformers class written to {@code architectures} on save, e.g. {@code BertForSequenceClassification}. */
    public String classificationClass() {
        return classificationClass;
    }

    /** Builds the network for a configuration of this architecture. */
    public Network network(ModelConfig config) {
        return factory.apply(config);
    }

    /**
     * The architecture of a configuration.
     *
     * @throws ModelFormatException listing the supported model types if this one is not among them
     */
    public static Architecture of(ModelConfig config) {
        return Arrays.stream(values())
                .filter(a -> a.modelType.equals(config.modelType()))
                .findFirst()
                .orElseThrow(() -> new ModelFormatException("unsupported architecture: model_type \""
                        + config.modelType() + "\""
                        + (config.architectures().isEmpty() ? "" : " " + config.architectures())
                        + "; rerank4j supports " + supported()));
    }

    /** The supported model types, for messages. */
    public static String supported() {
        return Arrays.stream(values())
                .map(a -> a.modelType + " (" + a.classificationClass + ")")
                .collect(Collectors.joining(", "));
    }
}
