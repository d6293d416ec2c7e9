package dev.rerank4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.rerank4j.Activation;
import dev.rerank4j.TextPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * sentence-transformers' {@code MarginMSELoss} (Hofstätter et al., "Improving Efficient Neural Ranking Models with
 * Cross-Architecture Knowledge Distillation", 2020): for rows (query, positive, negative_1, ..., negative_k) the
 * squared error between the student's margins {@code act(s(q, p)) - act(s(q, n_j))} and a teacher's, averaged over
 * every (row, negative). The label is either the teacher's margins (a number when k = 1, or a list of k numbers) or
 * the teacher's raw scores, a list of k + 1 numbers {@code [s(q, p), s(q, n_1), ...]} from which the margins are
 * taken. One model call per column.
 *
 * @param activationFn the training-time activation applied to every logit before the margins (Identity)
 */
public record MarginMSELoss(Activation activationFn) implements LossConfig {
    static final String NAME = "MarginMSELoss";

    public MarginMSELoss {
        Objects.requireNonNull(activationFn, "activationFn");
    }

    /** sentence-transformers' defaults (Identity). */
    public MarginMSELoss() {
        this(Activation.IDENTITY);
    }

    static MarginMSELoss parse(LossParams p) {
        return new MarginMSELoss(p.activation(Activation.IDENTITY));
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
        return "3 or more input columns (query, positive, negative_1, ...) and a label column with the teacher's"
                + " margins (one per negative) or scores (positive first, then one per negative)";
    }

    @Override
    public Optional<String> checkLayout(int inputColumns, boolean hasLabel) {
        if (inputColumns < 3) {
            return Optional.of(
                    NAME + " expects at least 3 input columns (query, positive, negative_1, ...), got " + inputColumns);
        }
        if (!hasLabel) {
            return Optional.of(NAME + " expects a label column (label, labels, score or scores) with the teacher's"
                    + " margins or scores");
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> checkRow(Batch row) {
        for (int c = 0; c < row.columns(); c++) {
            Object v = row.inputs().get(c).get(0);
            if (!(v instanceof String)) {
                return Optional.of("input " + (c + 1) + " must be a text, got " + Labels.describe(v));
            }
        }
        int k = row.columns() - 2;
        Object label = row.labels().get(0);
        List<?> values = label instanceof List<?> l ? l : List.of(label == null ? "null" : label);
        boolean single = !(label instanceof List<?>);
        if ((single && k != 1) || (!single && values.size() != k && values.size() != k + 1)) {
            return Optional.of("the label must be " + (k == 1 ? "a margin, or " : "") + "a list of " + k
                    + " margins or of " + (k + 1) + " scores (positive first), got " + Labels.describe(label));
        }
        for (Object v : values) {
            Optional<Double> n = Labels.number(v);
            if (n.isEmpty() || !Double.isFinite(n.get())) {
                return Optional.of("the label's values must be finite numbers, got " + Labels.describe(label));
            }
        }
        return Optional.empty();
    }

    /** The teacher's margins of each row: {@code [row][negative]}. */
    static double[][] margins(Batch batch) {
        int k = batch.columns() - 2;
        double[][] out = new double[batch.size()][k];
        for (int i = 0; i < batch.size(); i++) {
            Object label = batch.labels().get(i);
            if (!(label instanceof List<?> list)) {
                out[i][0] = Labels.scalar(label);
            } else if (list.size() == k + 1) {
                float positive = Labels.scalar(list.get(0));
                for (int j = 0; j < k; j++) {
                    out[i][j] = positive - Labels.scalar(list.get(j + 1));
                }
            } else {
                for (int j = 0; j < k; j++) {
                    out[i][j] = Labels.scalar(list.get(j));
                }
            }
        }
        return out;
    }

    @Override
    public Objective objective(int numLabels) {
        PairInputs.requireOneLabel(NAME, numLabels);
        return (batch, model) -> {
            double[][] target = margins(batch);
            List<String> queries = batch.texts(0);
            NDList columns = new NDList();
            for (int c = 1; c < batch.columns(); c++) {
                List<String> docs = batch.texts(c);
                List<TextPair> pairs = new ArrayList<>(queries.size());
                for (int i = 0; i < queries.size(); i++) {
                    pairs.add(new TextPair(queries.get(i), docs.get(i)));
                }
                columns.add(model.logits(pairs).reshape(-1));
            }
            NDArray activated = Activations.apply(activationFn, NDArrays.concat(columns));
            return Surrogate.of(activated, compute(Surrogate.values(activated), target));
        };
    }

    /** The loss on column-major scores ({@code [column * rows + row]}, column 0 the positives). */
    static LossValue compute(double[] scores, double[][] target) {
        int rows = target.length;
        int k = target[0].length;
        double total = 0;
        double[] grad = new double[scores.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < k; j++) {
                double err = scores[i] - scores[(j + 1) * rows + i] - target[i][j];
                total += err * err;
                double d = 2 * err / (rows * k);
                grad[i] += d;
                grad[(j + 1) * rows + i] -= d;
            }
        }
        return new LossValue(total / (rows * k), grad);
    }
}
