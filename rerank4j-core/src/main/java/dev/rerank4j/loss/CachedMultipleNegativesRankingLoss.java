package dev.rerank4j.loss;

import dev.rerank4j.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * @param numNegatives in-batch negatives per anchor; empty = all of them (sentence-transformers' default: 4)
 * @param scale the factor on the activated scores (10); 0 means none
 * @param activationFn the training-time activation (Sigmoid)
 * @param miniBatchSize pairs per forward pass (32)
 */
public record CachedMultipleNegativesRankingLoss(
        OptionalInt numNegatives, double scale, Activation activationFn, int miniBatchSize) implements InBatchLoss {
    static final String NAME = "CachedMultipleNegativesRankingLoss";

    public CachedMultipleNegativesRankingLoss {
        MultipleNegativesRankingLoss.checkCommon(numNegatives, scale, activationFn);
        if (miniBatchSize < 1) {
            throw new IllegalArgumentException("mini_batch_size must be >= 1, got " + miniBatchSize);
        }
    }

    /** sentence-transformers' defaults: 4 in-batch negatives, scale 10, Sigmoid, mini-batches of 32 pairs. */
    public CachedMultipleNegativesRankingLoss() {
        this(OptionalInt.of(4), 10.0, Activation.SIGMOID, 32);
    }

    static CachedMultipleNegativesRankingLoss parse(LossParams p) {
        return new CachedMultipleNegativesRankingLoss(
                p.optionalInt("num_negatives", OptionalInt.of(4)),
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
        m.put("num_negatives", LossParams.orNone(numNegatives));
        m.put("activation_fn", activationFn.torchName());
        m.put("mini_batch_size", miniBatchSize);
        return m;
    }

    @Override
    public Objective objective(int numLabels) {
        PairInputs.requireOneLabel(NAME, numLabels);
        return new GradCacheObjective(this);
    }
}
