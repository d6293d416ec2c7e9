package dev.rerank4j.loss;

import ai.djl.ndarray.NDArray;
import dev.rerank4j.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * sentence-transformers' {@code BinaryCrossEntropyLoss}: for (query, document) pairs labelled 1/0 (or a soft label
 * in [0, 1]), {@code mean -[w y log s(x) + (1 - y) log(1 - s(x))]} over the logits x after the activation, as
 * {@code torch.nn.BCEWithLogitsLoss(pos_weight=w)} computes it.
 *
 * @param activationFn the training-time activation applied to the logits first (sentence-transformers: Identity)
 * @param posWeight the weight of positive pairs, e.g. #negatives / #positives; 1 = unweighted (sentence-transformers'
 *     {@code pos_weight=None})
 */
public record BinaryCrossEntropyLoss(Activation activationFn, double posWeight) implements PointwiseLoss {
    static final String NAME = "BinaryCrossEntropyLoss";

    public BinaryCrossEntropyLoss {
        Objects.requireNonNull(activationFn, "activationFn");
        if (!(posWeight > 0) || Double.isInfinite(posWeight)) {
            throw new IllegalArgumentException("pos_weight must be a finite number > 0, got " + posWeight);
        }
    }

    /** sentence-transformers' defaults: Identity, no positive weight. */
    public BinaryCrossEntropyLoss() {
        this(Activation.IDENTITY, 1.0);
    }

    /** The defaults with a positive weight. */
    public static BinaryCrossEntropyLoss withPosWeight(double posWeight) {
        return new BinaryCrossEntropyLoss(Activation.IDENTITY, posWeight);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> configDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("activation_fn", activationFn.torchName());
        m.put("pos_weight", posWeight == 1.0 ? null : posWeight);
        return m;
    }

    @Override
    public String expectedColumns() {
        return "2 input columns (query, document) and a label column with 1/0 or a score in [0, 1]";
    }

    @Override
    public Optional<String> checkRow(Batch row) {
        return PairInputs.checkTexts(row).or(() -> PairInputs.checkNumber(row, 0, 1, "1/0 or a number in [0, 1]"));
    }

    @Override
    public Objective objective(int numLabels) {
        PairInputs.requireOneLabel(NAME, numLabels);
        return (batch, model) -> {
            NDArray x = Activations.apply(
                    activationFn, model.logits(PairInputs.pairs(batch)).reshape(-1));
            NDArray y = model.manager().create(batch.scalarLabels());
            // (1 - y) x + (1 + (w - 1) y) softplus(-x): BCEWithLogitsLoss, stable for any x.
            NDArray softplus = ai.djl.nn.Activation.softPlus(x.neg());
            NDArray weight =
                    posWeight == 1.0 ? null : y.mul((float) (posWeight - 1)).add(1f);
            NDArray positive = weight == null ? softplus : softplus.mul(weight);
            return y.neg().add(1f).mul(x).add(positive).mean();
        };
    }
}
