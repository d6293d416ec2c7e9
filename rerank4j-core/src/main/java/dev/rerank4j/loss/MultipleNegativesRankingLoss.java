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
 * @param numNegatives in-batch negatives per anchor; empty = all of them (sentence-transformers' default: 4)
 * @param scale the factor on the activated scores (10); 0 means none, as in sentence-transformers
 * @param activationFn the training-time activation (Sigmoid)
 */
public record MultipleNegativesRankingLoss(OptionalInt numNegatives, double scale, Activation activationFn)
        implements InBatchLoss {
    static final String NAME = "MultipleNegativesRankingLoss";

    public MultipleNegativesRankingLoss {
        checkCommon(numNegatives, scale, activationFn);
    }

    /** sentence-transformers' defaults: 4 in-batch negatives, scale 10, Sigmoid. */
    public MultipleNegativesRankingLoss() {
        this(OptionalInt.of(4), 10.0, Activation.SIGMOID);
    }

    static void checkCommon(OptionalInt numNegatives, double scale, Activation activationFn) {
        Objects.requireNonNull(numNegatives, "numNegatives");
        Objects.requireNonNull(activationFn, "activationFn");
        if (numNegatives.isPresent() && numNegatives.getAsInt() < 1) {
            throw new IllegalArgumentException(
                    "num_negatives must be >= 1 (or None for all in-batch negatives), got " + numNegatives.getAsInt());
        }
        if (!Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be a finite number, got " + scale);
        }
    }

    static MultipleNegativesRankingLoss parse(LossParams p) {
        return new MultipleNegativesRankingLoss(
                p.optionalInt("num_negatives", OptionalInt.of(4)),
                p.number("scale", 10.0),
                p.activation(Activation.SIGMOID));
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
        return m;
    }

    @Override
    public Objective objective(int numLabels) {
        PairInputs.requireOneLabel(NAME, numLabels);
        return (batch, model) -> {
            InBatchCandidates candidates =
                    InBatchCandidates.of(batch, numNegatives, InBatchCandidates.SeedSource.torch(model.manager()));
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
}
