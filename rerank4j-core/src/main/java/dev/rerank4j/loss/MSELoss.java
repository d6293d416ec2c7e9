package dev.rerank4j.loss;

import ai.djl.ndarray.NDArray;
import dev.rerank4j.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * sentence-transformers' {@code MSELoss}: {@code mean (x - y)^2} between the logits after the activation and a
 * target score per pair, e.g. a teacher model's logit (distillation).
 *
 * @param activationFn the training-time activation applied to the logits first (sentence-transformers: Identity)
 */
public record MSELoss(Activation activationFn) implements PointwiseLoss {
    static final String NAME = "MSELoss";

    public MSELoss {
        Objects.requireNonNull(activationFn, "activationFn");
    }

    /** sentence-transformers' defaults (Identity). */
    public MSELoss() {
        this(Activation.IDENTITY);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> configDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("activation_fn", activationFn.torchName());
        return m;
    }

    @Override
    public String expectedColumns() {
        return "2 input columns (query, document) and a label column with the target score";
    }

    @Override
    public Optional<String> checkRow(Batch row) {
        return PairInputs.checkTexts(row)
                .or(() -> PairInputs.checkNumber(
                        row, -Double.MAX_VALUE, Double.MAX_VALUE, "a finite number (the target score)"));
    }

    @Override
    public Objective objective(int numLabels) {
        PairInputs.requireOneLabel(NAME, numLabels);
        return (batch, model) -> {
            NDArray x = Activations.apply(
                    activationFn, model.logits(PairInputs.pairs(batch)).reshape(-1));
            NDArray y = model.manager().create(batch.scalarLabels());
            return x.sub(y).square().mean();
        };
    }
}
