package dev.rerank4j.model;

/**
 * What one architecture ({@code model_type}) is, for the code shared by every architecture: how its
 * {@code config.json} reads, how its network is built, and the rules that differ between architectures (maximum
 * length, token types, position ids, pad id, head, weight names). Implemented once per architecture package and
 * listed in the {@link Architecture} registry; shared code asks the descriptor instead of branching on the
 * architecture.
 */
public interface ArchitectureDescriptor {
    /** The {@code model_type} in config.json, e.g. {@code xlm-roberta}. */
    String modelType();

    /**
     * The transformers class of the sequence-classification model, written to {@code architectures} on save; it
     * names the head layout, e.g. {@code BertForSequenceClassification} (pooler + classifier).
     */
    String classificationClass();

    /** The base-model prefix of the weight names, e.g. {@code bert} ({@code bert.encoder.layer.0...}). */
    String basePrefix();

    /** {@code pad_token_id} when config.json has none, as transformers' config class defaults it. */
    int defaultPadTokenId();

    /**
     * Maps this architecture's {@code config.json} keys to its config record.
     *
     * @throws IllegalArgumentException naming the key and value when one is invalid
     * @throws dev.rerank4j.ModelFormatException when the config asks for something rerank4j does not support
     */
    ModelConfig readConfig(ConfigJson json);

    /**
     * Builds the network for a configuration of this architecture.
     *
     * @throws IllegalArgumentException if {@code config} is another architecture's
     */
    Network network(ModelConfig config);

    /**
     * The position id of the first token: 0, or RoBERTa's {@code padding_idx + 1} (its positions count from after
     * the padding index).
     */
    default int positionOffset(ModelConfig config) {
        return 0;
    }

    /** The longest input the position table allows: its rows less the position offset. */
    default int maxSequenceLength(ModelConfig config) {
        return config.maxPositionEmbeddings() - positionOffset(config);
    }

    /** Whether the network reads token type ids (segment ids); RoBERTa and DistilBERT do not. */
    boolean usesTokenTypes(ModelConfig config);
}
