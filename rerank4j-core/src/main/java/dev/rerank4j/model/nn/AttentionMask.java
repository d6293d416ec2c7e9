package dev.rerank4j.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

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
        Shape s = attentionMask.getShape();
        return attentionMask
                .toType(DataType.FLOAT32, false)
                .sub(1f)
                .mul(Float.MAX_VALUE)
                .reshape(s.get(0), 1, 1, s.get(1));
    }
}
