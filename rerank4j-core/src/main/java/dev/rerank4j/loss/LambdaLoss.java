package dev.rerank4j.loss;

import dev.rerank4j.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * sentence-transformers' {@code LambdaLoss} (Wang et al., "The LambdaLoss Framework for Ranking Metric Optimization",
 * CIKM 2018): a pairwise logistic loss over the documents of each query, each pair weighted by how much swapping it
 * changes NDCG ({@link WeightingScheme}). The numerics are described in {@code LambdaMath}: pairs, not queries, are
 * averaged over the batch; both eps clamps saturate as in the reference.
 *
 * <p>Config file: {@code loss: {name: LambdaLoss, weighting_scheme: NDCGLoss2PPScheme, mu: 10, k: 10}}.
 *
 * <p>A value class rather than a record so that {@code k=None} and {@code mini_batch_size=None} are {@code
 * OptionalInt}s only where they are returned; set them with {@link #withK}/{@link #withMiniBatchSize} and unset them
 * with {@link #withoutK()}/{@link #withoutMiniBatchSize()}. Equality is by the seven settings.
 */
public final class LambdaLoss implements ListwiseLoss {
    static final String NAME = "LambdaLoss";

    private final WeightingScheme weightingScheme;
    private final Integer k; // null: None, every document
    private final double sigma;
    private final double eps;
    private final ReductionLog reductionLog;
    private final Activation activationFn;
    private final Integer miniBatchSize; // null: None, as many pairs per pass as the batch has queries

    /** sentence-transformers' defaults. */
    public LambdaLoss() {
        this(new WeightingScheme.NDCGLoss2PPScheme(), 1.0, 1e-10, ReductionLog.BINARY, Activation.IDENTITY);
    }

    /**
     * A loss over every document ({@code k=None}) without a mini-batch size ({@code mini_batch_size=None}); see
     * {@link #withK} and {@link #withMiniBatchSize}.
     *
     * @param weightingScheme the pair weights (sentence-transformers: NDCGLoss2PPScheme with mu 10)
     * @param sigma the sharpness of the pairwise sigmoid (1)
     * @param eps the clamp of probabilities and of the ideal DCG (1e-10)
     * @param reductionLog the logarithm's base (binary)
     * @param activationFn the training-time activation applied to the logits first (Identity)
     */
    public LambdaLoss(
            WeightingScheme weightingScheme,
            double sigma,
            double eps,
            ReductionLog reductionLog,
            Activation activationFn) {
        this(weightingScheme, null, sigma, eps, reductionLog, activationFn, null);
    }

    private LambdaLoss(
            WeightingScheme weightingScheme,
            Integer kOrNull,
            double sigma,
            double eps,
            ReductionLog reductionLog,
            Activation activationFn,
            Integer miniBatchSizeOrNull) {
        Objects.requireNonNull(weightingScheme, "weightingScheme");
        checkCommon(kOrNull, sigma, eps, reductionLog, activationFn);
        this.weightingScheme = weightingScheme;
        this.k = kOrNull;
        this.sigma = sigma;
        this.eps = eps;
        this.reductionLog = reductionLog;
        this.activationFn = activationFn;
        this.miniBatchSize = miniBatchSizeOrNull;
    }

    /** The pair weights. */
    public WeightingScheme weightingScheme() {
        return weightingScheme;
    }

    /** Only the top k predicted positions count (NDCG@k); empty = every document. */
    public OptionalInt k() {
        return LossParams.optional(k);
    }

    /** The sharpness of the pairwise sigmoid. */
    public double sigma() {
        return sigma;
    }

    /** The clamp of probabilities and of the ideal DCG. */
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

    /** This loss with another weighting scheme. */
    public LambdaLoss withWeightingScheme(WeightingScheme scheme) {
        return new LambdaLoss(scheme, k, sigma, eps, reductionLog, activationFn, miniBatchSize);
    }

    /** This loss with a cut-off: only the top {@code k} predicted positions count. */
    public LambdaLoss withK(int topK) {
        return new LambdaLoss(weightingScheme, topK, sigma, eps, reductionLog, activationFn, miniBatchSize);
    }

    /** This loss without a cut-off: every document counts ({@code k=None}). */
    public LambdaLoss withoutK() {
        return new LambdaLoss(weightingScheme, null, sigma, eps, reductionLog, activationFn, miniBatchSize);
    }

    /** This loss with {@code size} pairs per forward pass ({@code <= 0} = all at once). */
    public LambdaLoss withMiniBatchSize(int size) {
        return new LambdaLoss(weightingScheme, k, sigma, eps, reductionLog, activationFn, size);
    }

    /** This loss without a mini-batch size (as many pairs per pass as the batch has queries). */
    public LambdaLoss withoutMiniBatchSize() {
        return new LambdaLoss(weightingScheme, k, sigma, eps, reductionLog, activationFn, null);
    }

    /** Checks the settings RankNet shares with LambdaLoss; a null k is None (every document). */
    static void checkCommon(
            Integer kOrNull, double sigma, double eps, ReductionLog reductionLog, Activation activationFn) {
        Objects.requireNonNull(reductionLog, "reductionLog");
        Objects.requireNonNull(activationFn, "activationFn");
        if (kOrNull != null && kOrNull < 1) {
            throw new IllegalArgumentException("k must be >= 1 (or None for every document), got " + kOrNull);
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be a finite number > 0, got " + sigma);
        }
        if (!(eps > 0 && eps < 1)) {
            throw new IllegalArgumentException("eps must be in (0, 1), got " + eps);
        }
    }

    static LambdaLoss parse(LossParams p) {
        double mu = p.number("mu", Double.NaN);
        Object scheme = p.raw("weighting_scheme");
        return new LambdaLoss(
                scheme == null ? parseDefaultScheme(mu) : WeightingScheme.parse(scheme, mu),
                p.integerOrNone("k", null),
                p.number("sigma", 1.0),
                p.number("eps", 1e-10),
                ReductionLog.of(NAME, p.text("reduction_log", "binary")),
                p.activation(Activation.IDENTITY),
                p.integerOrNone("mini_batch_size", null));
    }

    private static WeightingScheme parseDefaultScheme(double mu) {
        return Double.isNaN(mu) ? new WeightingScheme.NDCGLoss2PPScheme() : new WeightingScheme.NDCGLoss2PPScheme(mu);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> configDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("weighting_scheme", weightingScheme.fullName());
        if (weightingScheme instanceof WeightingScheme.NDCGLoss2PPScheme pp) {
            m.put("mu", pp.mu());
        }
        putCommon(m, k, sigma, eps, reductionLog, activationFn, miniBatchSize);
        return m;
    }

    /** Writes the settings RankNet shares with LambdaLoss; a null k or mini-batch size is None, written as null. */
    static void putCommon(
            Map<String, Object> m,
            Integer kOrNull,
            double sigma,
            double eps,
            ReductionLog reductionLog,
            Activation activationFn,
            Integer miniBatchSizeOrNull) {
        m.put("k", kOrNull);
        m.put("sigma", sigma);
        m.put("eps", eps);
        m.put("reduction_log", reductionLog.configName());
        m.put("activation_fn", activationFn.torchName());
        m.put("mini_batch_size", miniBatchSizeOrNull);
    }

    @Override
    public Objective objective(int numLabels) {
        PairInputs.requireOneLabel(NAME, numLabels);
        LambdaMath.Settings s =
                new LambdaMath.Settings(weightingScheme, k == null ? Integer.MAX_VALUE : k, sigma, eps, reductionLog);
        return new ListwiseObjective(activationFn, miniBatchSize, (x, y) -> LambdaMath.compute(x, y, s));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LambdaLoss other
                && weightingScheme.equals(other.weightingScheme)
                && Objects.equals(k, other.k)
                && Double.compare(sigma, other.sigma) == 0
                && Double.compare(eps, other.eps) == 0
                && reductionLog == other.reductionLog
                && activationFn == other.activationFn
                && Objects.equals(miniBatchSize, other.miniBatchSize);
    }

    @Override
    public int hashCode() {
        return Objects.hash(weightingScheme, k, sigma, eps, reductionLog, activationFn, miniBatchSize);
    }

    @Override
    public String toString() {
        return NAME + "[weightingScheme=" + weightingScheme + ", k=" + k() + ", sigma=" + sigma + ", eps=" + eps
                + ", reductionLog=" + reductionLog + ", activationFn=" + activationFn + ", miniBatchSize="
                + miniBatchSize() + "]";
    }
}
