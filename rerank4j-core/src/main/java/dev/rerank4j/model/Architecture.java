package dev.rerank4j.model;

import dev.rerank4j.ModelFormatException;
import dev.rerank4j.model.bert.BertArchitecture;
import dev.rerank4j.model.deberta.DebertaV2Architecture;
import dev.rerank4j.model.distilbert.DistilBertArchitecture;
import dev.rerank4j.model.electra.ElectraArchitecture;
import dev.rerank4j.model.modernbert.ModernBertArchitecture;
import dev.rerank4j.model.qwen3.Qwen3Architecture;
import dev.rerank4j.model.roberta.RobertaArchitecture;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The registry of the architectures rerank4j runs, keyed by {@code config.json}'s {@code model_type}: one constant
 * per {@link ArchitectureDescriptor}. Adding an architecture is one package (its descriptor, config record and
 * network) plus one constant here; the contract tests run over every constant.
 */
public enum Architecture {
    BERT(BertArchitecture.DESCRIPTOR),
    ELECTRA(ElectraArchitecture.DESCRIPTOR),
    ROBERTA(RobertaArchitecture.ROBERTA),
    XLM_ROBERTA(RobertaArchitecture.XLM_ROBERTA),
    DISTILBERT(DistilBertArchitecture.DESCRIPTOR),
    QWEN3(Qwen3Architecture.QWEN3),
    QWEN2(Qwen3Architecture.QWEN2),
    DEBERTA_V2(DebertaV2Architecture.DESCRIPTOR),
    MODERNBERT(ModernBertArchitecture.DESCRIPTOR);

    private final ArchitectureDescriptor descriptor;

    Architecture(ArchitectureDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    /** What this architecture is: config, network and the rules that differ between architectures. */
    public ArchitectureDescriptor descriptor() {
        return descriptor;
    }

    /** The {@code model_type} in config.json. */
    public String modelType() {
        return descriptor.modelType();
    }

    /** The transformers class written to {@code architectures} on save, e.g. {@code BertForSequenceClassification}. */
    public String classificationClass() {
        return descriptor.classificationClass();
    }

    /** Builds the network for a configuration of this architecture. */
    public Network network(ModelConfig config) {
        return descriptor.network(config);
    }

    /**
     * The architecture of a configuration.
     *
     * @throws ModelFormatException listing the supported model types if this one is not among them
     */
    public static Architecture of(ModelConfig config) {
        return of(config.modelType(), config.architectures());
    }

    /**
     * The architecture of a {@code model_type}.
     *
     * @param architectures config.json's {@code architectures}, for the message
     * @throws ModelFormatException listing the supported model types if this one is not among them
     */
    public static Architecture of(String modelType, List<String> architectures) {
        return Arrays.stream(values())
                .filter(a -> a.modelType().equals(modelType))
                .findFirst()
                .orElseThrow(() -> new ModelFormatException("unsupported architecture: model_type \"" + modelType
                        + "\"" + (architectures.isEmpty() ? "" : " " + architectures) + "; rerank4j supports "
                        + supported()));
    }

    /** The supported model types, for messages. */
    public static String supported() {
        return Arrays.stream(values())
                .map(a -> a.modelType() + " (" + a.classificationClass() + ")")
                .collect(Collectors.joining(", "));
    }
}
