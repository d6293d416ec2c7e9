package dev.rerank4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.rerank4j.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * sentence-transformers' {@code MultipleNegativesRankingLoss} for cross-encoders (InfoNCE with in-batch negatives,
 * Henderson et al. 2017): for rows (anchor, positive[, hard negative 1, ..., hard negative h]) without labels, each
 * anchor is scored with its positive, with {@code num_negatives} documents of the other rows (their positives and
 * hard negatives, drawn by a seeded sampler; see {@code InBatchCandidates}) and with its own hard negatives; the
 * activated scores times {@code scale} enter a cross entropy that picks the positive. One model call per candidate
 * column.
 *
 * <p>A value class rather than a record so that {@code num_negatives=None} (every in-batch negative) is an {@code
 * OptionalInt} only where it is returned: no count stands for "all"; equality is by the three settings.
 */
public final class MultipleNegativesRankingLoss implements InBatchLoss {
    static final String NAME = "MultipleNegativesRankingLoss";

    private final Integer numNegatives; // null: None, every in-batch negative
    private final double scale;
    private final Activation activationFn;

    /**
     * @param numNegatives in-batch negatives per anchor, at least 1 ({@link #withoutNumNegatives()} for all of them)
     * @param scale the factor on the activated scores (10); 0 means none, as in sentence-transformers
     * @param activationFn the training-time activation (Sigmoid)
     */
    public MultipleNegativesRankingLoss(int numNegatives, double scale, Activation activationFn) {
        this(Integer.valueOf(numNegatives), scale, activationFn);
    }

    /** sentence-transformers' defaults: 4 in-batch negatives, scale 10, Sigmoid. */
    public MultipleNegativesRankingLoss() {
        this(4, 10.0, Activation.SIGMOID);
    }

    private MultipleNegativesRankingLoss(Integer numNegativesOrNull, double scale, Activation activationFn) {
        checkCommon(numNegativesOrNull, scale, activationFn);
        this.numNegatives = numNegativesOrNull;
        this.scale = scale;
        this.activationFn = activationFn;
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

    /** The same loss drawing {@code n} in-batch negatives per anchor. */
    public MultipleNegativesRankingLoss withNumNegatives(int n) {
        return new MultipleNegativesRankingLoss(n, scale, activationFn);
    }

    /** The same loss with every in-batch negative ({@code num_negatives=None}). */
    public MultipleNegativesRankingLoss withoutNumNegatives() {
        return new MultipleNegativesRankingLoss(null, scale, activationFn);
    }

    /** Checks the settings shared with the cached variant; a null count is None (every in-batch negative). */
    static void checkCommon(Integer numNegativesOrNull, double scale, Activation activationFn) {
        Objects.requireNonNull(activationFn, "activationFn");
        if (numNegativesOrNull != null && numNegativesOrNull < 1) {
            throw new IllegalArgumentException(
                    "num_negatives must be >= 1 (or None for all in-batch negatives), got " + numNegativesOrNull);
        }
        if (!Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be a finite number, got " + scale);
        }
    }

    static MultipleNegativesRankingLoss parse(LossParams p) {
        return new MultipleNegativesRankingLoss(
                p.integerOrNone("num_negatives", 4), p.number("scale", 10.0), p.activation(Activation.SIGMOID));
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
        return m;
    }

    @Override
    public Objective objective(int numLabels) {
        PairInputs.requireOneLabel(NAME, numLabels);
        return (batch, model) -> {
            InBatchCandidates candidates = InBatchCandidates.of(
                    batch,
                    numNegatives == null ? Integer.MAX_VALUE : numNegatives,
                    InBatchCandidates.SeedSource.torch(model.manager()));
            NDList columns = new NDList();
            for (int c = 0; c < candidates.columns().size(); c++) {
                columns.add(model.logits(candidates.pairs(c)).reshape(-1));
            }
            NDArray raw = columns.size() == 1 ? columns.get(0) : NDArrays.concat(columns);
            NDArray activated = Activations.apply(activationFn, raw);
            LossValue v = InBatchMath.compute(Surrogate.values(activated), candidates.rows(), scale);
            return Surrogate.of(activated, v);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultipleNegativesRankingLoss other
                && Objects.equals(numNegatives, other.numNegatives)
                && Double.compare(scale, other.scale) == 0
                && activationFn == other.activationFn;
    }

    @Override
    public int hashCode() {
        return Objects.hash(numNegatives, scale, activationFn);
    }

    @Override
    public String toString() {
        return NAME + "[numNegatives=" + numNegatives() + ", scale=" + scale + ", activationFn=" + activationFn + "]";
    }
}
