package dev.rerank4j.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Scalar operands that libtorch owns, for arithmetic on the gradient path. */
public final class Scalars {
    private Scalars() {}

    /**
     * A 0-d array of {@code like}'s type that libtorch owns, for a scalar operand of {@code mul}, {@code div} or
     * {@code pow} on the gradient path. DJL's {@code x.mul(0.5f)} wraps the number in an array over a Java buffer and
     * closes it at once, but autograd keeps that tensor for the backward pass: a garbage collection in between frees
     * the buffer and the backward pass reads freed memory (garbage gradients). {@code full} allocates in libtorch.
     */
    public static NDArray of(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }
}
