package dev.rerank4j.model.nn;

import ai.djl.ndarray.NDArray;
import dev.rerank4j.model.Mode;

/**
 * Multi-head scaled dot-product attention with an additive mask (Vaswani et al., 2017), as transformers' eager
 * attention ({@code eager_attention_forward}, {@code BertSelfAttention}): {@code softmax(q k^T / sqrt(d) + mask) v}
 * per head, with dropout on the probabilities.
 *
 * <p>Grouped-query attention (Qwen3) is the case {@code kvHeads < heads}: each key/value head serves
 * {@code heads / kvHeads} query heads, as transformers' {@code repeat_kv}. The steps are public so that an
 * architecture can act between them (RoPE or a per-head norm on the split heads); sliding-window attention is a
 * different additive mask ({@link AttentionMask}).
 *
 * @param heads query heads
 * @param kvHeads key/value heads; equal to {@code heads} for multi-head attention, a divisor of it for grouped-query
 * @param dropout the dropout of the attention probabilities
 */
public record MultiHeadAttention(int heads, int kvHeads, Dropout dropout) {
    public MultiHeadAttention {
        if (heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0) {
            throw new IllegalArgumentException("attention heads (" + heads
                    + ") must be a positive multiple of the key/value heads (" + kvHeads + ")");
        }
    }

    /** Multi-head attention: as many key/value heads as query heads. */
    public MultiHeadAttention(int heads, Dropout dropout) {
        this(heads, heads, dropout);
    }

    /**
     * Attends over projected {@code q} [batch, seq, heads * d] and {@code k}, {@code v} [batch, seq, kvHeads * d].
     *
     * @param additiveMask added to the scores, broadcastable to [batch, heads, seq, seq]
     * @return the context [batch, seq, heads * d]
     */
    public NDArray forward(NDArray q, NDArray k, NDArray v, NDArray additiveMask, Mode mode) {
        return forward(EagerOps.WITHOUT_WEIGHTS, q, k, v, additiveMask, mode);
    }

    /** Attends over projected heads, as {@link #forward(NDArray, NDArray, NDArray, NDArray, Mode)}. */
    public <T> T forward(Ops<T> ops, T q, T k, T v, T additiveMask, Mode mode) {
        return ops.mergeHeads(attend(
                ops,
                ops.splitHeads(q, heads),
                ops.splitHeads(k, kvHeads),
                ops.splitHeads(v, kvHeads),
                additiveMask,
                mode));
    }

    /** [batch, seq, n * d] to [batch, n, seq, d]. */
    public static NDArray splitHeads(NDArray x, int n) {
        return EagerOps.WITHOUT_WEIGHTS.splitHeads(x, n);
    }

    /** [batch, n, seq, d] to [batch, seq, n * d]. */
    public static NDArray mergeHeads(NDArray x) {
        return EagerOps.WITHOUT_WEIGHTS.mergeHeads(x);
    }

    /**
     * The attention of split heads: {@code q} [batch, heads, seq, d], {@code k} and {@code v} [batch, kvHeads, seq,
     * d].
     *
     * @return the context per head [batch, heads, seq, d]
     */
    public NDArray attend(NDArray q, NDArray k, NDArray v, NDArray additiveMask, Mode mode) {
        return attend(EagerOps.WITHOUT_WEIGHTS, q, k, v, additiveMask, mode);
    }

    /** The attention of split heads, as {@link #attend(NDArray, NDArray, NDArray, NDArray, Mode)}. */
    public <T> T attend(Ops<T> ops, T q, T k, T v, T additiveMask, Mode mode) {
        long headDim = ops.size(q, 3);
        T keys = repeatKv(ops, k);
        T values = repeatKv(ops, v);
        T scores = ops.add(
                ops.divScalar(ops.matMul(q, ops.transpose(keys, 0, 1, 3, 2)), (float) Math.sqrt(headDim)),
                additiveMask);
        return ops.matMul(dropout.forward(ops, ops.softmax(scores), mode), values);
    }

    private <T> T repeatKv(Ops<T> ops, T x) {
        long n = ops.size(x, 1);
        if (n != kvHeads) {
            throw new IllegalArgumentException("expected " + kvHeads + " key/value heads, got " + n);
        }
        return kvHeads == heads ? x : ops.repeatHeads(x, heads / kvHeads);
    }
}
