package dev.rerank4j.model.nn;

import ai.djl.ndarray.NDArray;
import dev.rerank4j.model.Mode;

/**
 * Inverted dropout as {@code torch.nn.Dropout}: in training, zeroes each element with {@code probability} and scales
 * the rest by {@code 1 / (1 - probability)}; the identity in inference or at probability 0.
 *
 * @param probability the drop probability, in [0, 1)
 */
public record Dropout(float probability) {
    /** No dropout. */
    public static final Dropout NONE = new Dropout(0f);

    public Dropout {
        if (!(probability >= 0 && probability < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + probability);
        }
    }

    /** Drops elements of {@code x} in {@link Mode#TRAINING}; returns {@code x} itself otherwise. */
    public NDArray forward(NDArray x, Mode mode) {
        return forward(EagerOps.WITHOUT_WEIGHTS, x, mode);
    }

    /** Drops elements of {@code x} in {@link Mode#TRAINING}; returns {@code x} itself otherwise. */
    public <T> T forward(Ops<T> ops, T x, Mode mode) {
        return ops.dropout(this, x, mode);
    }
}
