package dev.rerank4j.model.nn;

import ai.djl.ndarray.NDArray;

/**
 * Additive attention masks: 0 where a query may attend, the lowest float where it may not. Masks add, so a padding
 * mask [batch, 1, 1, seq] combines with a [seq, seq] band (sliding-window or causal attention) by broadcasting.
 */
public final class AttentionMask {
    private AttentionMask() {}

    /**
     * The padding mask [batch, 1, 1, seq] of a 0/1 attention mask [batch, seq]: 0 for real tokens, the lowest float
     * for padding, as transformers' {@code get_extended_attention_mask} builds it.
     */
    public static NDArray padding(NDArray attentionMask) {
        return EagerOps.WITHOUT_WEIGHTS.paddingMask(attentionMask);
    }
}
