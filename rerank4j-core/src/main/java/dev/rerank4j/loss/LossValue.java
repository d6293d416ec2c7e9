package dev.rerank4j.loss;

/**
 * A loss computed outside the autograd graph: its value and its gradient with respect to each (activated) logit, in
 * the order the loss's logits were flattened.
 *
 * @param value the loss
 * @param gradient d(loss)/d(logit) for every logit
 */
record LossValue(double value, double[] gradient) {
    /** A zero loss without gradient over {@code n} logits. */
    static LossValue zero(int n) {
        return new LossValue(0.0, new double[n]);
    }
}
