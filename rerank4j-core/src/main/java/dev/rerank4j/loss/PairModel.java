package dev.rerank4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rerank4j.TextPair;
import java.util.List;

/**
 * The model as a loss sees it: pairs in, logits out. Internal: implemented by the trainer.
 *
 * <p>In training, {@link #logits} runs with dropout and records the graph so that {@link #backward} can add gradients
 * to the weights; in evaluation it runs without either. Arrays belong to the caller's {@code NDScope}.
 */
public interface PairModel {
    /** The logits [pairs, numLabels], recorded for backpropagation when training. */
    NDArray logits(List<TextPair> pairs);

    /**
     * The logits [pairs, numLabels] without recording a graph (dropout as in {@link #logits}): the first pass of
     * GradCache-style losses.
     */
    NDArray logitsWithoutGradient(List<TextPair> pairs);

    /**
     * Adds the gradient of a scalar to the weights' gradients.
     *
     * @throws IllegalStateException when the model is not training
     */
    void backward(NDArray scalar);

    /** Where a loss creates its arrays (labels, masks); they are closed with the caller's scope. */
    NDManager manager();

    /** The number of logits per pair. */
    int numLabels();

    /** Whether this is a training pass (dropout, gradients) rather than an evaluation. */
    boolean training();
}
