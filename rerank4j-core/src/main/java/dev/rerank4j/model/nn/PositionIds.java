package dev.rerank4j.model.nn;

import ai.djl.ndarray.NDArray;

/** Position ids for a padded batch. */
public final class PositionIds {
    private PositionIds() {}

    /**
     * Absolute positions {@code 0..seq-1} for every row, int64 [batch, seq], as the {@code position_ids} buffer of
     * transformers' {@code BertEmbeddings} (and the default of rotary models).
     *
     * @param inputIds the token ids [batch, seq]
     */
    public static NDArray absolute(NDArray inputIds) {
        return EagerOps.WITHOUT_WEIGHTS.absolutePositions(inputIds);
    }
}
