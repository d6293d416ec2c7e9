package dev.rerank4j.loss;

import ai.djl.ndarray.NDArray;
import dev.rerank4j.Activation;

/** A loss's training-time activation on logits, as the torch module sentence-transformers stores. */
final class Activations {
    private Activations() {}

    static NDArray apply(Activation a, NDArray x) {
        return switch (a) {
            case IDENTITY -> x;
            case SIGMOID -> x.getNDArrayInternal().sigmoid();
            case TANH -> x.tanh();
            // not x.maximum(0f): DJL frees that scalar while autograd still holds it for the backward pass
            case RELU -> ai.djl.nn.Activation.relu(x);
        };
    }
}
