package dev.rerank4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.rerank4j.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * sentence-transformers' {@code CrossEntropyLoss}: for (A, B) pairs labelled with a class index, {@code mean
 * -log softmax(x)[y]} over the model's logits after the activation ({@code torch.nn.CrossEntropyLoss}). Trains
 * classifiers with any number of labels.
 *
 * @param activationFn the training-time activation applied to the logits first (sentence-transformers: Identity)
 */
public record CrossEntropyLoss(Activation activationFn) implements PointwiseLoss {
    static final String NAME = "CrossEntropyLoss";

    public CrossEntropyLoss {
        Objects.requireNonNull(activationFn, "activationFn");
    }

    /** sentence-transformers' defaults (Identity). */
    public CrossEntropyLoss() {
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
        return "2 input columns (A, B) and a label column with the class index (0, 1, ...)";
    }

    @Override
    public Optional<String> checkRow(Batch row) {
        Optional<String> texts = PairInputs.checkTexts(row);
        if (texts.isPresent()) {
            return texts;
        }
        Object v = row.labels().get(0);
        Optional<Double> n = Labels.number(v);
        if (n.isEmpty() || n.get() < 0 || n.get() != Math.rint(n.get())) {
            return Optional.of("the label must be a class index 0, 1, ..., got " + Labels.describe(v));
        }
        return Optional.empty();
    }

    @Override
    public Objective objective(int numLabels) {
        return (batch, model) -> {
            float[] labels = batch.scalarLabels();
            int[] classes = new int[labels.length];
            for (int i = 0; i < labels.length; i++) {
                classes[i] = (int) labels[i];
                if (classes[i] >= numLabels) {
                    throw new IllegalArgumentException("label " + classes[i] + " is not a class of a model with "
                            + numLabels + " labels (classes 0.." + (numLabels - 1) + ")");
                }
            }
            NDArray x = Activations.apply(activationFn, model.logits(PairInputs.pairs(batch)));
            NDArray y = model.manager()
                    .create(classes)
                    .toType(DataType.INT64, false)
                    .reshape(-1, 1);
            return x.logSoftmax(1).gather(y, 1).neg().mean();
        };
    }
}
