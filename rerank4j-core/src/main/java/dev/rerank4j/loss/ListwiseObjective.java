package dev.rerank4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.rerank4j.Activation;

/**
 * The objective shared by the listwise losses: score every (query, document) pair in mini-batch chunks, apply the
 * loss's training-time activation, compute the loss and its gradient per list in plain Java ({@link Kernel}) and join
 * them back into the graph ({@link Surrogate}).
 */
final class ListwiseObjective implements Objective {
    /** A listwise loss's numerics on activated scores and labels, one array per query. */
    @FunctionalInterface
    interface Kernel {
        /**
         * @return the loss and its gradient, the gradient flattened query by query
         */
        LossValue compute(double[][] scores, double[][] labels);
    }

    private final Activation activation;
    private final Integer miniBatchSize; // null: None, as many pairs per chunk as the batch has queries
    private final Kernel kernel;

    /**
     * @param miniBatchSizeOrNull pairs per forward pass; null (the loss's None) = as many as the batch has queries,
     *     {@code <= 0} = all at once
     */
    ListwiseObjective(Activation activation, Integer miniBatchSizeOrNull, Kernel kernel) {
        this.activation = activation;
        this.miniBatchSize = miniBatchSizeOrNull;
        this.kernel = kernel;
    }

    @Override
    public NDArray loss(Batch batch, PairModel model) {
        ListInputs lists = ListInputs.of(batch);
        NDArray logits = lists.logits(model, miniBatchSize).toType(DataType.FLOAT32, false);
        NDArray activated = Activations.apply(activation, logits);
        LossValue v = kernel.compute(lists.ragged(Surrogate.values(activated)), lists.labelMatrix());
        return Surrogate.of(activated, v);
    }
}
