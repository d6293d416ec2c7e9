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
 * @param weightingScheme the pair weights (sentence-transformers: NDCGLoss2PPScheme with mu 10)
 * @param k only the top k predicted positions count (NDCG@k); empty = every document
 * @param sigma the sharpness of the pairwise sigmoid (1)
 * @param eps the clamp of probabilities and of the ideal DCG (1e-10)
 * @param reductionLog the logarithm's base (binary)
 * @param activationFn the training-time activation applied to the logits first (Identity)
 * @param miniBatchSize pairs per forward pass: empty = as many as the batch has queries, {@code <= 0} = all at once
 */
public record LambdaLoss(
        WeightingScheme weightingScheme,
        OptionalInt k,
        double sigma,
        double eps,
        ReductionLog reductionLog,
        Activation activationFn,
        OptionalInt miniBatchSize)
        implements ListwiseLoss {
    static final String NAME = "LambdaLoss";

    public LambdaLoss {
        Objects.requireNonNull(weightingScheme, "weightingScheme");
        checkCommon(k, sigma, eps, reductionLog, activationFn, miniBatchSize);
    }

    /** sentence-transformers' defaults. */
    public LambdaLoss() {
        this(
                new WeightingScheme.NDCGLoss2PPScheme(),
                OptionalInt.empty(),
                1.0,
                1e-10,
                ReductionLog.BINARY,
                Activation.IDENTITY,
                OptionalInt.empty());
    }

    /** This loss with another weighting scheme. */
    public LambdaLoss withWeightingScheme(WeightingScheme scheme) {
        return new LambdaLoss(scheme, k, sigma, eps, reductionLog, activationFn, miniBatchSize);
    }

    /** This loss with a cut-off: only the top {@code k} predicted positions count. */
    public LambdaLoss withK(int topK) {
        return new LambdaLoss(
                weightingScheme, OptionalInt.of(topK), sigma, eps, reductionLog, activationFn, miniBatchSize);
    }

    /** This loss with another mini-batch size. */
    public LambdaLoss withMiniBatchSize(int size) {
        return new LambdaLoss(weightingScheme, k, sigma, eps, reductionLog, activationFn, OptionalInt.of(size));
    }

    static void checkCommon(
            OptionalInt k,
            double sigma,
            double eps,
            ReductionLog reductionLog,
            Activation activationFn,
            OptionalInt miniBatchSize) {
        Objects.requireNonNull(k, "k");
        Objects.requireNonNull(reductionLog, "reductionLog");
        Objects.requireNonNull(activationFn, "activationFn");
        Objects.requireNonNull(miniBatchSize, "miniBatchSize");
        if (k.isPresent() && k.getAsInt() < 1) {
            throw new IllegalArgumentException("k must be >= 1 (or None for every document), got " + k.getAsInt());
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
                p.optionalInt("k", OptionalInt.empty()),
                p.number("sigma", 1.0),
                p.number("eps", 1e-10),
                ReductionLog.of(NAME, p.text("reduction_log", "binary")),
                p.activation(Activation.IDENTITY),
                p.optionalInt("mini_batch_size", OptionalInt.empty()));
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

    static void putCommon(
            Map<String, Object> m,
            OptionalInt k,
            double sigma,
            double eps,
            ReductionLog reductionLog,
            Activation activationFn,
            OptionalInt miniBatchSize) {
        m.put("k", LossParams.orNone(k));
        m.put("sigma", sigma);
        m.put("eps", eps);
        m.put("reduction_log", reductionLog.configName());
        m.put("activation_fn", activationFn.torchName());
        m.put("mini_batch_size", LossParams.orNone(miniBatchSize));
    }

    @Override
    public Objective objective(int numLabels) {
        PairInputs.requireOneLabel(NAME, numLabels);
        LambdaMath.Settings s =
                new LambdaMath.Settings(weightingScheme, k.orElse(Integer.MAX_VALUE), sigma, eps, reductionLog);
        return new ListwiseObjective(activationFn, miniBatchSize, (x, y) -> LambdaMath.compute(x, y, s));
    }
}
