package dev.rerank4j.loss;

import dev.rerank4j.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * sentence-transformers' {@code RankNetLoss} (Burges et al., "Learning to Rank using Gradient Descent", ICML 2005):
 * {@link LambdaLoss} with {@link WeightingScheme.NoWeightingScheme}, i.e. the mean pairwise logistic loss over every
 * pair of documents of a query with different labels.
 *
 * <p>A value class rather than a record so that {@code k=None} and {@code mini_batch_size=None} are {@code
 * OptionalInt}s only where they are returned; set them with {@link #withK}/{@link #withMiniBatchSize} and unset them
 * with {@link #withoutK()}/{@link #withoutMiniBatchSize()}. Equality is by the six settings.
 */
public final class RankNetLoss implements ListwiseLoss {
    static final String NAME = "RankNetLoss";

    private final Integer k; // null: None, every document
    private final double sigma;
    private final double eps;
    private final ReductionLog reductionLog;
    private final Activation activationFn;
    private final Integer miniBatchSize; // null: None, as many pairs per pass as the batch has queries

    /** sentence-transformers' defaults. */
    public RankNetLoss() {
        this(1.0, 1e-10, ReductionLog.BINARY, Activation.IDENTITY);
    }

    /**
     * A loss over every document ({@code k=None}) without a mini-batch size ({@code mini_batch_size=None}); see
     * {@link #withK} and {@link #withMiniBatchSize}.
     *
     * @param sigma the sharpness of the pairwise sigmoid (1)
     * @param eps the probability clamp (1e-10)
     * @param reductionLog the logarithm's base (binary)
     * @param activationFn the training-time activation applied to the logits first (Identity)
     */
    public RankNetLoss(double sigma, double eps, ReductionLog reductionLog, Activation activationFn) {
        this(null, sigma, eps, reductionLog, activationFn, null);
    }

    private RankNetLoss(
            Integer kOrNull,
            double sigma,
            double eps,
            ReductionLog reductionLog,
            Activation activationFn,
            Integer miniBatchSizeOrNull) {
        LambdaLoss.checkCommon(kOrNull, sigma, eps, reductionLog, activationFn);
        this.k = kOrNull;
        this.sigma = sigma;
        this.eps = eps;
        this.reductionLog = reductionLog;
        this.activationFn = activationFn;
        this.miniBatchSize = miniBatchSizeOrNull;
    }

    static RankNetLoss parse(LossParams p) {
        return new RankNetLoss(
                p.integerOrNone("k", null),
                p.number("sigma", 1.0),
                p.number("eps", 1e-10),
                ReductionLog.of(NAME, p.text("reduction_log", "binary")),
                p.activation(Activation.IDENTITY),
                p.integerOrNone("mini_batch_size", null));
    }

    /** Only the top k predicted positions count; empty = every document. */
    public OptionalInt k() {
        return LossParams.optional(k);
    }

    /** The sharpness of the pairwise sigmoid. */
    public double sigma() {
        return sigma;
    }

    /** The probability clamp. */
    public double eps() {
        return eps;
    }

    /** The logarithm's base. */
    public ReductionLog reductionLog() {
        return reductionLog;
    }

    /** The training-time activation applied to the logits first. */
    public Activation activationFn() {
        return activationFn;
    }

    /** Pairs per forward pass: empty = as many as the batch has queries, {@code <= 0} = all at once. */
    public OptionalInt miniBatchSize() {
        return LossParams.optional(miniBatchSize);
    }

    /** This loss with a cut-off: only the top {@code k} predicted positions count. */
    public RankNetLoss withK(int topK) {
        return new RankNetLoss(topK, sigma, eps, reductionLog, activationFn, miniBatchSize);
    }

    /** This loss without a cut-off: every document counts ({@code k=None}). */
    public RankNetLoss withoutK() {
        return new RankNetLoss(null, sigma, eps, reductionLog, activationFn, miniBatchSize);
    }

    /** This loss with {@code size} pairs per forward pass ({@code <= 0} = all at once). */
    public RankNetLoss withMiniBatchSize(int size) {
        return new RankNetLoss(k, sigma, eps, reductionLog, activationFn, size);
    }

    /** This loss without a mini-batch size (as many pairs per pass as the batch has queries). */
    public RankNetLoss withoutMiniBatchSize() {
        return new RankNetLoss(k, sigma, eps, reductionLog, activationFn, null);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> configDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        LambdaLoss.putCommon(m, k, sigma, eps, reductionLog, activationFn, miniBatchSize);
        return m;
    }

    @Override
    public Objective objective(int numLabels) {
        PairInputs.requireOneLabel(NAME, numLabels);
        LambdaMath.Settings s = new LambdaMath.Settings(
                new WeightingScheme.NoWeightingScheme(), k == null ? Integer.MAX_VALUE : k, sigma, eps, reductionLog);
        return new ListwiseObjective(activationFn, miniBatchSize, (x, y) -> LambdaMath.compute(x, y, s));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RankNetLoss other
                && Objects.equals(k, other.k)
                && Double.compare(sigma, other.sigma) == 0
                && Double.compare(eps, other.eps) == 0
                && reductionLog == other.reductionLog
                && activationFn == other.activationFn
                && Objects.equals(miniBatchSize, other.miniBatchSize);
    }

    @Override
    public int hashCode() {
        return Objects.hash(k, sigma, eps, reductionLog, activationFn, miniBatchSize);
    }

    @Override
    public String toString() {
        return NAME + "[k=" + k() + ", sigma=" + sigma + ", eps=" + eps + ", reductionLog=" + reductionLog
                + ", activationFn=" + activationFn + ", miniBatchSize=" + miniBatchSize() + "]";
    }
}
