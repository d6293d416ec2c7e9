package dev.rerank4j.loss;

import dev.rerank4j.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * sentence-transformers' {@code RankNetLoss} (Burges et al., "Learning to Rank using Gradient Descent", ICML 2005):
 * {@link LambdaLoss} with {@link WeightingScheme.NoWeightingScheme}, i.e. the mean pairwise logistic loss over every
 * pair of documents of a query with different labels.
 *
 * @param k only the top k predicted positions count; empty = every document
 * @param sigma the sharpness of the pairwise sigmoid (1)
 * @param eps the probability clamp (1e-10)
 * @param reductionLog the logarithm's base (binary)
 * @param activationFn the training-time activation applied to the logits first (Identity)
 * @param miniBatchSize pairs per forward pass: empty = as many as the batch has queries, {@code <= 0} = all at once
 */
public record RankNetLoss(
        OptionalInt k,
        double sigma,
        double eps,
        ReductionLog reductionLog,
        Activation activationFn,
        OptionalInt miniBatchSize)
        implements ListwiseLoss {
    static final String NAME = "RankNetLoss";

    public RankNetLoss {
        LambdaLoss.checkCommon(k, sigma, eps, reductionLog, activationFn, miniBatchSize);
    }

    /** sentence-transformers' defaults. */
    public RankNetLoss() {
        this(OptionalInt.empty(), 1.0, 1e-10, ReductionLog.BINARY, Activation.IDENTITY, OptionalInt.empty());
    }

    static RankNetLoss parse(LossParams p) {
        return new RankNetLoss(
                p.optionalInt("k", OptionalInt.empty()),
                p.number("sigma", 1.0),
                p.number("eps", 1e-10),
                ReductionLog.of(NAME, p.text("reduction_log", "binary")),
                p.activation(Activation.IDENTITY),
                p.optionalInt("mini_batch_size", OptionalInt.empty()));
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
                new WeightingScheme.NoWeightingScheme(), k.orElse(Integer.MAX_VALUE), sigma, eps, reductionLog);
        return new ListwiseObjective(activationFn, miniBatchSize, (x, y) -> LambdaMath.compute(x, y, s));
    }
}
