package dev.rerank4j.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

/**
 * Rotary position embeddings (Su et al., "RoFormer", 2021) in transformers' layout ({@code LlamaRotaryEmbedding}
 * with the default rope type, used by Qwen3 and ModernBERT, and {@code apply_rotary_pos_emb}): the frequencies
 * {@code theta^(-2i/d)} for {@code i < d/2} are repeated over both halves of a head, and {@code rotate_half} pairs
 * element {@code i} with element {@code i + d/2}.
 *
 * @param headDim the width of one head, even
 * @param theta the base ({@code rope_theta}, e.g. 10000; ModernBERT's {@code global_rope_theta} 160000)
 */
public record RotaryEmbedding(int headDim, float theta) {
    public RotaryEmbedding {
        if (headDim <= 0 || headDim % 2 != 0) {
            throw new IllegalArgumentException("headDim must be positive and even, got " + headDim);
        }
        if (!(theta > 1)) {
            throw new IllegalArgumentException("rope theta must be > 1, got " + theta);
        }
    }

    /**
     * The inverse frequencies {@code 1 / theta^(2i/d)}, float32 as transformers computes them
     * ({@code _compute_default_rope_parameters}).
     */
    public float[] inverseFrequencies() {
        float[] inv = new float[headDim / 2];
        for (int i = 0; i < inv.length; i++) {
            inv[i] = 1f / (float) Math.pow(theta, (float) (2 * i) / headDim);
        }
        return inv;
    }

    /**
     * The cosines and sines [batch, seq, headDim] of int64 position ids [batch, seq], in that order.
     */
    public NDList cosSin(NDArray positionIds) {
        NDArray inv = positionIds.getManager().create(inverseFrequencies());
        NDArray freqs =
                positionIds.toType(DataType.FLOAT32, false).expandDims(-1).mul(inv);
        NDArray angles = NDArrays.concat(new NDList(freqs, freqs), -1);
        return new NDList(angles.cos(), angles.sin());
    }

    /**
     * Rotates split heads {@code x} [batch, heads, seq, headDim] by their positions: {@code x cos + rotate_half(x)
     * sin}, with {@code cos}, {@code sin} from {@link #cosSin}.
     */
    public NDArray apply(NDArray x, NDArray cos, NDArray sin) {
        return x.mul(cos.expandDims(1)).add(rotateHalf(x).mul(sin.expandDims(1)));
    }

    /** {@code cat(-x[..., d/2:], x[..., :d/2])}. */
    static NDArray rotateHalf(NDArray x) {
        int half = headDim(x) / 2;
        NDArray first = x.get(new NDIndex("..., :{}", half));
        NDArray second = x.get(new NDIndex("..., {}:", half));
        return NDArrays.concat(new NDList(second.neg(), first), -1);
    }

    private static int headDim(NDArray x) {
        return (int) x.getShape().get(x.getShape().dimension() - 1);
    }
}
