package dev.rerank4j.loss;

import dev.rerank4j.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * sentence-transformers' {@code ADRMSELoss} (Schlatt et al., "Rank-DistiLLM: Closing the Effectiveness Gap Between
 * Cross-Encoders and LLMs for Passage Re-ranking", ECIR 2025): the discounted squared error between each document's
 * differentiable approximate rank and its true rank from the labels, averaged over every document of the batch.
 *
 * <p>A value class rather than a record so that {@code mini_batch_size=None} is an {@code OptionalInt} only where it
 * is returned (every integer already means something). Equality is by the three settings.
 */
public final class ADRMSELoss implements ListwiseLoss {
    static final String NAME = "ADRMSELoss";

    private final double alpha;
    private final Activation activationFn;
    private final Integer miniBatchSize; // null: None, as many pairs per pass as the batch has queries

    /** sentence-transformers' defaults: alpha 1, Identity, no mini-batch size. */
    public ADRMSELoss() {
        this(1.0, Activation.IDENTITY);
    }

    /**
     * @param alpha the sharpness of the approximate rank's sigmoids (1)
     * @param activationFn the training-time activation applied to the logits first (Identity)
     */
    public ADRMSELoss(double alpha, Activation activationFn) {
        this(alpha, activationFn, (Integer) null);
    }

    /**
     * @param alpha the sharpness of the approximate rank's sigmoids (1)
     * @param activationFn the training-time activation applied to the logits first (Identity)
     * @param miniBatchSize pairs per forward pass, {@code <= 0} = all at once
     */
    public ADRMSELoss(double alpha, Activation activationFn, int miniBatchSize) {
        this(alpha, activationFn, Integer.valueOf(miniBatchSize));
    }

    private ADRMSELoss(double alpha, Activation activationFn, Integer miniBatchSizeOrNull) {
        Objects.requireNonNull(activationFn, "activationFn");
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be a finite number > 0, got " + alpha);
        }
        this.alpha = alpha;
        this.activationFn = activationFn;
        this.miniBatchSize = miniBatchSizeOrNull;
    }

    static ADRMSELoss parse(LossParams p) {
        return new ADRMSELoss(
                p.number("alpha", 1.0), p.activation(Activation.IDENTITY), p.integerOrNone("mini_batch_size", null));
    }

    /** The sharpness of the approximate rank's sigmoids. */
    public double alpha() {
        return alpha;
    }

    /** The training-time activation applied to the logits first. */
    public Activation activationFn() {
        return activationFn;
    }

    /** Pairs per forward pass: empty = as many as the batch has queries, {@code <= 0} = all at once. */
    public OptionalInt miniBatchSize() {
        return LossParams.optional(miniBatchSize);
    }

    /** The same loss with {@code size} pairs per forward pass ({@code <= 0} = all at once). */
    public ADRMSELoss withMiniBatchSize(int size) {
        return new ADRMSELoss(alpha, activationFn, size);
    }

    /** The same loss without a mini-batch size (as many pairs per pass as the batch has queries). */
    public ADRMSELoss withoutMiniBatchSize() {
        return new ADRMSELoss(alpha, activationFn);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> configDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alpha", alpha);
        m.put("activation_fn", activationFn.torchName());
        m.put("mini_batch_size", miniBatchSize);
        return m;
    }

    @Override
    public Objective objective(int numLabels) {
        PairInputs.requireOneLabel(NAME, numLabels);
        return new ListwiseObjective(activationFn, miniBatchSize, (s, y) -> AdrMseMath.compute(s, y, alpha));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ADRMSELoss other
                && Double.compare(alpha, other.alpha) == 0
                && activationFn == other.activationFn
                && Objects.equals(miniBatchSize, other.miniBatchSize);
    }

    @Override
    public int hashCode() {
        return Objects.hash(alpha, activationFn, miniBatchSize);
    }

    @Override
    public String toString() {
        return NAME + "[alpha=" + alpha + ", activationFn=" + activationFn + ", miniBatchSize=" + miniBatchSize() + "]";
    }
}
