package dev.rerank4j.model;

import ai.djl.ndarray.NDArray;

/**
 * One padded batch as int64 tensors, each [batch, seq]. Internal to the model implementations.
 *
 * @param inputIds token ids, padded with the pad id
 * @param tokenTypeIds segment ids (0 for the query, 1 for the document); zeros for models without token types
 * @param attentionMask 1 for real tokens, 0 for padding
 */
public record Inputs(NDArray inputIds, NDArray tokenTypeIds, NDArray attentionMask) {
    /** The batch size. */
    public long batch() {
        return inputIds.getShape().get(0);
    }

    /** The padded sequence length. */
    public long seqLen() {
        return inputIds.getShape().get(1);
    }
}
