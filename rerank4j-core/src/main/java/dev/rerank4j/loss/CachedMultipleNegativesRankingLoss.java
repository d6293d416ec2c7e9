package dev.rerank4j.loss;

import dev.rerank4j.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * sentence-transformers' {@code CachedMultipleNegativesRankingLoss}: {@link MultipleNegativesRankingLoss} computed
 * with GradCache (Gao et al., "Scaling Deep Contrastive Learning Batch Size under Memory Limited Setup", 2021), so
 * that the batch size no longer bounds memory. All pairs are scored column by column in chunks of {@code
 * mini_batch_size} without a graph; the loss and its gradient with respect to every score are computed; then each
 * chunk is scored again with a graph, replaying the first pass's dropout, and the cached gradient is backpropagated
 * through it before the next chunk. Only one chunk's activations are alive at a time. The value and the gradients are
 * those of the uncached loss.
 *
 * <p>A value class rather than a record so that {@code num_negatives=None} (every in-batch negative) is an {@code
 * OptionalInt} only where it is returned; equality is by the four settings.
 */
public final class CachedMultipleNegativesRankingLoss implements InBatchLoss {
    static final String NAME = "CachedMultipleNegativesRankingLoss";

    private final Integer numNegatives; // null: None, every in-batch negative
    private final double scale;
    private final Activation activationFn;
    private final int miniBatchSize;

    /**
     * @param numNegatives in-batch negatives per anchor, at least 1 ({@link #withoutNumNegatives()} for all of them)
     * @param scale the factor on the activated scores (10); 0 means none
     * @param activationFn the training-time activation (Sigmoid)
     * @param miniBatchSize pairs per forward pass (32)
     */
    public CachedMultipleNegativesRankingLoss(
            int numNegatives, double scale, Activation activationFn, int miniBatchSize) {
        this(Integer.valueOf(numNegatives), scale, activationFn, miniBatchSize);
    }

    /** sentence-transformers' defaults: 4 in-batch negatives, scale 10, Sigmoid, mini-batches of 32 pairs. */
    public CachedMultipleNegativesRankingLoss() {
        this(4, 10.0, Activation.SIGMOID, 32);
    }

    private CachedMultipleNegativesRankingLoss(
            Integer numNegativesOrNull, double scale, Activation activationFn, int miniBatchSize) {
        MultipleNegativesRankingLoss.checkCommon(numNegativesOrNull, scale, activationFn);
        if (miniBatchSize < 1) {
            throw new IllegalArgumentException("mini_batch_size must be >= 1, got " + miniBatchSize);
        }
        this.numNegatives = numNegativesOrNull;
        this.scale = scale;
        this.activationFn = activationFn;
        this.miniBatchSize = miniBatchSize;
    }

    /** In-batch negatives per anchor; empty = all of them (sentence-transformers' {@code num_negatives=None}). */
    public OptionalInt numNegatives() {
        return LossParams.optional(numNegatives);
    }

    /** The factor on the activated scores; 0 means none. */
    public double scale() {
        return scale;
    }

    /** The training-time activation. */
    public Activation activationFn() {
        return activationFn;
    }

    /** Pairs per forward pass. */
    public int miniBatchSize() {
        return miniBatchSize;
    }

    /** The same loss drawing {@code n} in-batch negatives per anchor. */
    public CachedMultipleNegativesRankingLoss withNumNegatives(int n) {
        return new CachedMultipleNegativesRankingLoss(n, scale, activationFn, miniBatchSize);
    }

    /** The same loss with every in-batch negative ({@code num_negatives=None}). */
    public CachedMultipleNegativesRankingLoss withoutNumNegatives() {
        return new CachedMultipleNegativesRankingLoss(null, scale, activationFn, miniBatchSize);
    }

    static CachedMultipleNegativesRankingLoss parse(LossParams p) {
        return new CachedMultipleNegativesRankingLoss(
                p.integerOrNone("num_negatives", 4),
                p.number("scale", 10.0),
                p.activation(Activation.SIGMOID),
                p.integer("mini_batch_size", 32));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> configDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scale", scale);
        m.put("num_negatives", numNegatives);
        m.put("activation_fn", activationFn.torchName());
        m.put("mini_batch_size", miniBatchSize);
        return m;
    }

    @Override
    public Objective objective(int numLabels) {
        PairInputs.requireOneLabel(NAME, numLabels);
        return new GradCacheObjective(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CachedMultipleNegativesRankingLoss other
                && Objects.equals(numNegatives, other.numNegatives)
                && Double.compare(scale, other.scale) == 0
                && activationFn == other.activationFn
                && miniBatchSize == other.miniBatchSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(numNegatives, scale, activationFn, miniBatchSize);
    }

    @Override
    public String toString() {
        return NAME + "[numNegatives=" + numNegatives() + ", scale=" + scale + ", activationFn=" + activationFn
                + ", miniBatchSize=" + miniBatchSize + "]";
    }
}
