package dev.rerank4j.loss;

import ai.djl.ndarray.NDArray;
import dev.rerank4j.model.Activation;

/** A loss's training-time activation on logits, as the torch module sentence-transformers stores. */
final class Activations {
    private Activations() {}

    static NDArray apply(Activation a, NDArray x) {
        return switch (a) {
            case IDENTITY -> x;
            case SIGMOID -> x.getNDArrayInternal().sigmoid();
            case TANH -> x.tanh();
            case RELU -> x.maximum(0f);
        };
    }
}
