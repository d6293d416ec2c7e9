package dev.rerank4j.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.rerank4j.model.Mode;
import java.util.ArrayList;
import java.util.List;

/**
 * Scaled dot-product attention over split heads, global or within a sliding window, computed one block of queries at
 * a time so that no {@code seq x seq} score matrix is built: each block of {@code block} queries attends only to the
 * keys it can see ({@code [first - halfWindow, last + halfWindow]} for a window, all keys for global attention).
 * Softmax is row-wise, so the result equals the masked full computation ({@link #forwardMasked}), as transformers'
 * eager ModernBERT attention computes it: {@code softmax(q k^T / sqrt(d) + mask) v}, where a key is masked when it is
 * padding or, for a window, when {@code |i - j| > halfWindow}.
 *
 * <p>Memory: a windowed layer holds {@code block x (block + 2 halfWindow)} scores per head and block; a global one
 * {@code block x seq}, with fewer queries per block for long inputs ({@link #queriesPerBlock}). In inference each block's intermediates are freed before the next block; in training autograd
 * keeps them for the backward pass (linear in the sequence length for a window).
 *
 * @param halfWindow how far a query sees on each side ({@code local_attention / 2}), or {@link #GLOBAL}
 * @param block queries per block, positive
 * @param dropout the dropout of the attention probabilities
 */
public record WindowedAttention(int halfWindow, int block, Dropout dropout) {
    /** The {@code halfWindow} of global attention: every query sees every key. */
    public static final int GLOBAL = -1;
    /** The most scores per head a global block holds (one array: 2 MB per head in float32). */
    static final long GLOBAL_SCORES = 1L << 19;
    /** The fewest queries per global block, however long the input. */
    static final long MIN_GLOBAL_BLOCK = 16;

    public WindowedAttention {
        if (halfWindow < 0 && halfWindow != GLOBAL) {
            throw new IllegalArgumentException("halfWindow must be >= 0 or GLOBAL (-1), got " + halfWindow);
        }
        if (block <= 0) {
            throw new IllegalArgumentException("block must be > 0, got " + block);
        }
        if (dropout == null) {
            throw new IllegalArgumentException("dropout must not be null");
        }
    }

    /** Whether queries see only a window of keys. */
    public boolean windowed() {
        return halfWindow != GLOBAL;
    }

    /**
     * Attends block by block.
     *
     * @param q queries [batch, heads, seq, d]
     * @param k keys [batch, heads, seq, d]
     * @param v values [batch, heads, seq, d]
     * @param padding the additive padding mask [batch, 1, 1, seq] ({@link AttentionMask#padding})
     * @return the context per head [batch, heads, seq, d]
     */
    public NDArray forward(NDArray q, NDArray k, NDArray v, NDArray padding, Mode mode) {
        long seq = q.getShape().get(2);
        long rows = queriesPerBlock(seq);
        if (seq <= rows) {
            return attendBlock(q, k, v, padding, 0, seq, mode);
        }
        List<NDArray> parts = new ArrayList<>();
        for (long from = 0; from < seq; from += rows) {
            long to = Math.min(seq, from + rows);
            if (mode == Mode.TRAINING) {
                parts.add(attendBlock(q, k, v, padding, from, to, mode));
                continue;
            }
            // Inference: free the block's scores and probabilities at once; only its context moves out.
            NDArray part;
            NDScope scope = new NDScope();
            try {
                part = attendBlock(q, k, v, padding, from, to, mode);
                NDScope.unregister(part);
            } finally {
                scope.close();
            }
            NDScope.register(part);
            parts.add(part);
        }
        return NDArrays.concat(new NDList(parts), 2);
    }

    /**
     * Queries per block for a sequence: {@link #block}, and for global attention at most {@link #GLOBAL_SCORES} /
     * {@code seq} (at least {@link #MIN_GLOBAL_BLOCK}), so that a block's score arrays stay the same size however
     * long the input: 256 queries up to 2,048 tokens, 64 at 8,192.
     */
    long queriesPerBlock(long seq) {
        if (windowed()) {
            return block;
        }
        return Math.min(block, Math.max(MIN_GLOBAL_BLOCK, GLOBAL_SCORES / Math.max(1, seq)));
    }

    /**
     * The reference formulation: the full {@code seq x seq} scores with the padding mask and, for a window, the band
     * mask, as transformers' {@code _update_attention_mask} and {@code eager_attention_forward}. For tests and short
     * inputs.
     */
    public NDArray forwardMasked(NDArray q, NDArray k, NDArray v, NDArray padding, Mode mode) {
        long seq = q.getShape().get(2);
        return scoresToContext(q, k, v, mask(padding, 0, seq, 0, seq), mode);
    }

    private NDArray attendBlock(NDArray q, NDArray k, NDArray v, NDArray padding, long from, long to, Mode mode) {
        long seq = q.getShape().get(2);
        long keyFrom = windowed() ? Math.max(0, from - halfWindow) : 0;
        long keyTo = windowed() ? Math.min(seq, to + halfWindow) : seq;
        boolean whole = from == 0 && to == seq && keyFrom == 0 && keyTo == seq;
        NDArray qb = whole ? q : q.get(new NDIndex(":, :, {}:{}, :", from, to));
        NDArray kb = whole ? k : k.get(new NDIndex(":, :, {}:{}, :", keyFrom, keyTo));
        NDArray vb = whole ? v : v.get(new NDIndex(":, :, {}:{}, :", keyFrom, keyTo));
        return scoresToContext(qb, kb, vb, mask(padding, from, to, keyFrom, keyTo), mode);
    }

    private NDArray scoresToContext(NDArray q, NDArray k, NDArray v, NDArray mask, Mode mode) {
        long d = q.getShape().get(3);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2))
                .mul(Scalars.of(q, (float) Math.pow(d, -0.5)))
                .add(mask);
        return dropout.forward(scores.softmax(-1), mode).matMul(v);
    }

    /**
     * The additive mask of queries {@code [from, to)} over keys {@code [keyFrom, keyTo)}: the padding mask, and for a
     * window the band {@code |i - j| > halfWindow} (combined by minimum, so a key masked twice stays finite).
     */
    private NDArray mask(NDArray padding, long from, long to, long keyFrom, long keyTo) {
        long seq = padding.getShape().get(3);
        NDArray keys =
                keyFrom == 0 && keyTo == seq ? padding : padding.get(new NDIndex(":, :, :, {}:{}", keyFrom, keyTo));
        if (!windowed()) {
            return keys;
        }
        int rows = Math.toIntExact(to - from);
        int cols = Math.toIntExact(keyTo - keyFrom);
        float[] band = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                long distance = Math.abs((from + i) - (keyFrom + j));
                band[i * cols + j] = distance > halfWindow ? -Float.MAX_VALUE : 0f;
            }
        }
        NDArray bandArray = padding.getManager().create(band, new Shape(1, 1, rows, cols));
        return keys.minimum(bandArray);
    }
}
