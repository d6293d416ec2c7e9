package dev.rerank4j.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * One architecture's forward pass: an encoder and its Hugging Face sequence-classification head, reading weights by
 * their HF names. Internal: implementations live in one package per architecture, built by its
 * {@link ArchitectureDescriptor}.
 */
public interface Network {
    /** The configuration this network was built for. */
    ModelConfig config();

    /** The architecture this network implements. */
    ArchitectureDescriptor descriptor();

    /**
     * Every weight of the {@code *ForSequenceClassification} model, with its HF name (including the base-model
     * prefix such as {@code bert.}) and shape.
     */
    List<ParamSpec> parameterSpecs();

    /** The base-model prefix transformers uses, e.g. {@code bert} (weights of a bare base model lack it). */
    default String basePrefix() {
        return descriptor().basePrefix();
    }

    /** The last hidden states [batch, seq, hidden] of the encoder. */
    NDArray hiddenStates(Parameters p, Inputs inputs, Mode mode);

    /** The head's logits [batch, num_labels] computed from the encoder's hidden states. */
    NDArray logits(Parameters p, NDArray hiddenStates, Mode mode);

    /**
     * The head's logits [batch, num_labels] of one padded batch: by default the head on {@link #hiddenStates}.
     * Architectures whose head needs the attention mask override it: a decoder reads each row's last real token,
     * ModernBERT's {@code mean} pooling averages over the real tokens.
     */
    default NDArray logits(Parameters p, Inputs inputs, Mode mode) {
        return logits(p, hiddenStates(p, inputs, mode), mode);
    }

    /** Whether this architecture reads token type ids (DistilBERT and RoBERTa-style models do not use them). */
    default boolean usesTokenTypes() {
        return descriptor().usesTokenTypes(config());
    }
}
