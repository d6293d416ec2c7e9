package dev.rerank4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import dev.rerank4j.ModelFormatException;

/**
 * The building blocks the encoder implementations share, each the exact op transformers uses. Internal.
 *
 * <p>Every result is a new array registered in the caller's {@code NDScope}; the caller closes the scope.
 */
public final class Layers {
    private Layers() {}

    /** {@code x @ W^T + b} with the weights {@code prefix.weight} [out, in] and {@code prefix.bias} [out]. */
    public static NDArray linear(Parameters p, String prefix, NDArray x) {
        return Linear.linear(x, p.get(prefix + ".weight"), p.get(prefix + ".bias"))
                .singletonOrThrow();
    }

    /** LayerNorm over the last dimension with {@code prefix.weight} and {@code prefix.bias}. */
    public static NDArray layerNorm(Parameters p, String prefix, NDArray x, float eps) {
        NDArray gamma = p.get(prefix + ".weight");
        return LayerNorm.layerNorm(x, new Shape(gamma.getShape().get(0)), gamma, p.get(prefix + ".bias"), eps)
                .singletonOrThrow();
    }

    /** Rows of an embedding table for int64 ids of any shape. */
    public static NDArray embedding(Parameters p, String name, NDArray ids) {
        return Embedding.embedding(ids, p.get(name), SparseFormat.DENSE).singletonOrThrow();
    }

    /** Absolute positions 0..seq-1 for every row, int64 [batch, seq]. */
    public static NDArray positions(Inputs in) {
        return in.inputIds()
                .getManager()
                .arange(0, (int) in.seqLen(), 1, DataType.INT64)
                .reshape(1, in.seqLen())
                .broadcast(in.batch(), in.seqLen());
    }

    /** Inverted dropout in training mode, identity otherwise. */
    public static NDArray dropout(NDArray x, float probability, Mode mode) {
        if (mode != Mode.TRAINING || probability == 0f) {
            return x;
        }
        return Dropout.dropout(x, probability, true).singletonOrThrow();
    }

    /**
     * An activation named as in transformers' {@code ACT2FN}: {@code gelu} (exact, erf), {@code gelu_new} /
     * {@code gelu_pytorch_tanh} / {@code gelu_fast} (tanh approximation), {@code relu}, {@code silu} /
     * {@code swish}, {@code tanh}.
     */
    public static NDArray activation(String name, NDArray x) {
        return switch (name) {
            case "gelu" -> ai.djl.nn.Activation.gelu(x);
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> geluTanh(x);
            case "relu" -> ai.djl.nn.Activation.relu(x);
            case "silu", "swish" -> x.mul(x.getNDArrayInternal().sigmoid());
            case "tanh" -> x.tanh();
            default ->
                throw new ModelFormatException(
                        "unsupported activation \"" + name
                                + "\" (hidden_act); supported: gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, relu, silu, swish, tanh");
        };
    }

    /** Checks an activation name early, at load time, so a bad config fails before any scoring. */
    public static void checkActivation(String name) {
        switch (name) {
            case "gelu", "gelu_new", "gelu_pytorch_tanh", "gelu_fast", "relu", "silu", "swish", "tanh" -> {}
            default ->
                throw new ModelFormatException(
                        "unsupported activation \"" + name
                                + "\" (hidden_act); supported: gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, relu, silu, swish, tanh");
        }
    }

    private static NDArray geluTanh(NDArray x) {
        // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
        NDArray inner =
                x.add(x.pow(scalar(x, 3f)).mul(scalar(x, 0.044715f))).mul(scalar(x, (float) Math.sqrt(2.0 / Math.PI)));
        return x.mul(scalar(x, 0.5f)).mul(inner.tanh().add(1f));
    }

    /**
     * The additive attention mask [batch, 1, 1, seq]: 0 for real tokens, the lowest float for padding, as
     * transformers' {@code get_extended_attention_mask} builds it.
     */
    public static NDArray additiveMask(NDArray attentionMask) {
        Shape s = attentionMask.getShape();
        return attentionMask
                .toType(DataType.FLOAT32, false)
                .sub(1f)
                .mul(Float.MAX_VALUE)
                .reshape(s.get(0), 1, 1, s.get(1));
    }

    /**
     * Multi-head scaled dot-product attention over projected {@code q, k, v} [batch, seq, hidden].
     *
     * @return the context [batch, seq, hidden]
     */
    public static NDArray attention(
            NDArray q, NDArray k, NDArray v, NDArray additiveMask, int heads, float dropout, Mode mode) {
        Shape s = q.getShape();
        long b = s.get(0);
        long len = s.get(1);
        long hidden = s.get(2);
        long headDim = hidden / heads;
        NDArray qh = q.reshape(b, len, heads, headDim).transpose(0, 2, 1, 3);
        NDArray kt = k.reshape(b, len, heads, headDim).transpose(0, 2, 3, 1);
        NDArray vh = v.reshape(b, len, heads, headDim).transpose(0, 2, 1, 3);
        NDArray scores =
                qh.matMul(kt).div(scalar(qh, (float) Math.sqrt(headDim))).add(additiveMask);
        NDArray probs = dropout(scores.softmax(-1), dropout, mode);
        return probs.matMul(vh).transpose(0, 2, 1, 3).reshape(b, len, hidden);
    }

    /**
     * A 0-d array of {@code like}'s type that libtorch owns, for a scalar operand of {@code mul}, {@code div} or
     * {@code pow} on the gradient path. DJL's {@code x.mul(0.5f)} wraps the number in an array over a Java buffer and
     * closes it at once, but autograd keeps that tensor for the backward pass: a garbage collection in between frees
     * the buffer and the backward pass reads freed memory (garbage gradients). {@code full} allocates in libtorch.
     */
    public static NDArray scalar(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }
}
