package dev.rerank4j.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * A gated linear unit variant (Shazeer, "GLU Variants Improve Transformer", 2020): {@code act(a) * b}. GeGLU
 * (GELU, ModernBERT's feed-forward) and SwiGLU (SiLU, Qwen3's) are the two the next architectures use.
 *
 * @param activation the activation of the gated half
 */
public record GatedLinearUnit(HiddenActivation activation) {
    /** GeGLU: the exact GELU gate of ModernBERT's {@code ModernBertMLP}. */
    public static final GatedLinearUnit GEGLU = new GatedLinearUnit(HiddenActivation.GELU);

    /** SwiGLU: the SiLU gate of Qwen3's {@code Qwen3MLP}. */
    public static final GatedLinearUnit SWIGLU = new GatedLinearUnit(HiddenActivation.SILU);

    public GatedLinearUnit {
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null");
        }
    }

    /**
     * {@code act(gate) * up} for two separate projections, as {@code Qwen3MLP}:
     * {@code down_proj(act_fn(gate_proj(x)) * up_proj(x))}.
     */
    public NDArray forward(NDArray gate, NDArray up) {
        return activation.apply(gate).mul(up);
    }

    /**
     * The fused form of {@code ModernBertMLP}: one projection of width {@code 2n} is split into {@code input, gate}
     * along the last dimension, and the activation applies to the first half: {@code act(input) * gate}.
     */
    public NDArray forwardFused(NDArray projected) {
        int last = projected.getShape().dimension() - 1;
        long width = projected.getShape().get(last);
        if (width % 2 != 0) {
            throw new IllegalArgumentException("a fused GLU projection must have an even width, got " + width);
        }
        NDList halves = projected.split(2, last);
        return forward(halves.get(0), halves.get(1));
    }

    /** The fused form of {@code ModernBertMLP} over {@link Ops}, as {@link #forwardFused(NDArray)}. */
    public <T> T forwardFused(Ops<T> ops, T projected) {
        long width = ops.size(projected, -1);
        if (width % 2 != 0) {
            throw new IllegalArgumentException("a fused GLU projection must have an even width, got " + width);
        }
        java.util.List<T> halves = ops.splitLast(projected, 2);
        return ops.mul(activation.apply(ops, halves.get(0)), halves.get(1));
    }
}
