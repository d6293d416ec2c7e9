package dev.rerank4j.loss;

import ai.djl.ndarray.NDArray;

/**
 * Joins a {@link LossValue} computed in plain Java back into the autograd graph: a scalar whose value is the loss
 * and whose gradient with respect to {@code logits} is the computed gradient, {@code g.x - stop(g.x) + value}.
 * Backpropagating it delivers exactly the computed gradient to the logits and on to the model's weights.
 */
final class Surrogate {
    private Surrogate() {}

    /**
     * @param logits the (activated) logits the value was computed from, flat, in the gradient's order
     * @return a scalar in the caller's scope
     */
    static NDArray of(NDArray logits, LossValue v) {
        float[] g = new float[v.gradient().length];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) v.gradient()[i];
        }
        NDArray flat = logits.reshape(-1);
        if (flat.size() != g.length) {
            throw new IllegalStateException(
                    "loss gradient has " + g.length + " entries for " + flat.size() + " logits");
        }
        NDArray linear = flat.mul(flat.getManager().create(g)).sum();
        return linear.sub(linear.stopGradient()).add((float) v.value());
    }

    /** The logits' values (a copy). */
    static double[] values(NDArray logits) {
        float[] f = logits.reshape(-1).toFloatArray();
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }
}
