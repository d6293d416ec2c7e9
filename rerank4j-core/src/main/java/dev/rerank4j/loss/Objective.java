package dev.rerank4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * What a loss computes on a batch. Internal: the trainer calls it; users pick a {@link LossConfig}.
 *
 * <p>A loss decides which (query, document) pairs it needs scored (pointwise losses: one pair per row; listwise
 * losses: a query with each of its documents; in-batch losses: queries with other rows' documents), asks the
 * {@link PairModel} for their logits, and reduces them to a scalar. Losses that must drive the forward passes
 * themselves (GradCache) override {@link #backward}.
 */
public interface Objective {
    /**
     * The loss of a batch, a scalar recorded for backpropagation when the model is training.
     *
     * <p>Every array it creates belongs to the caller's {@code NDScope}.
     */
    NDArray loss(Batch batch, PairModel model);

    /**
     * Computes the loss and adds {@code scale} times its gradient to the weights' gradients.
     *
     * @param scale the weight of this batch in the optimizer step (1 / gradient accumulation steps)
     * @return the unscaled loss value
     */
    default float backward(Batch batch, PairModel model, float scale) {
        NDArray loss = loss(batch, model);
        // A libtorch-owned scale: DJL's loss.mul(float) would free the scalar that autograd keeps for backward.
        model.backward(scale == 1f ? loss : loss.mul(loss.getManager().full(new Shape(), scale, loss.getDataType())));
        return loss.getFloat();
    }
}
