package dev.rerank4j.model;

import ai.djl.ndarray.NDArray;
import dev.rerank4j.Activation;

/** The inference {@link Activation}s with libtorch's element-wise kernels, as the scoring path applies them. */
final class TorchActivations {
    private TorchActivations() {}

    /** Applies {@code activation} to every logit; returns a new array in the caller's scope (or the input). */
    static NDArray apply(Activation activation, NDArray logits) {
        return switch (activation) {
            case IDENTITY -> logits;
            case SIGMOID -> logits.getNDArrayInternal().sigmoid();
            case TANH -> logits.tanh();
            case RELU -> logits.maximum(0f);
        };
    }
}
