package dev.rerank4j.backend;

import dev.rerank4j.tokenize.PaddedBatch;

/**
 * The bare encoder of a transformer, without any head: padded token ids in, last hidden states out. Bi-encoders
 * (embedding models) pool these states into one vector per text. Loaded by {@link TextEncoders#load}, which finds the
 * engine that runs it; the caller never sees the engine's types.
 *
 * <p>Inference only; calls are thread-safe. Close the encoder once no call is running.
 */
public interface TextEncoder extends AutoCloseable {
    /** The width of a hidden state. */
    int hiddenSize();

    /** The most tokens a sequence may hold. */
    int maxPositions();

    /** Whether the architecture reads token type ids. */
    boolean usesTokenTypes();

    /** The padding token id of the model's configuration ({@code pad_token_id}). */
    long padTokenId();

    /** The last hidden states of one padded batch, shape [batch, seqLen, hiddenSize]. */
    InferenceBackend.Output hiddenStates(PaddedBatch batch);

    /** Frees the weights. */
    @Override
    void close();
}
