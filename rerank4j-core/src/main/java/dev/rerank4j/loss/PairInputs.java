package dev.rerank4j.loss;

import dev.rerank4j.TextPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks and pairs shared by the pointwise losses: two text inputs (query, document) and one label per row. */
final class PairInputs {
    private PairInputs() {}

    static Optional<String> checkLayout(String loss, int inputColumns, boolean hasLabel) {
        if (inputColumns != 2) {
            return Optional.of(loss + " expects 2 input columns (query, document), got " + inputColumns);
        }
        if (!hasLabel) {
            return Optional.of(loss + " expects a label column (label, labels, score or scores)");
        }
        return Optional.empty();
    }

    /** A problem with the row's two texts, if any. */
    static Optional<String> checkTexts(Batch row) {
        for (int c = 0; c < 2; c++) {
            Object v = row.inputs().get(c).get(0);
            if (!(v instanceof String)) {
                return Optional.of("input " + (c + 1) + " must be a text, got " + Labels.describe(v));
            }
        }
        return Optional.empty();
    }

    /** The row's label as a number, or a problem. */
    static Optional<String> checkNumber(Batch row, double min, double max, String range) {
        Object v = row.labels().get(0);
        Optional<Double> n = Labels.number(v);
        if (n.isEmpty() || n.get().isNaN() || n.get() < min || n.get() > max) {
            return Optional.of("the label must be " + range + ", got " + Labels.describe(v));
        }
        return Optional.empty();
    }

    static List<TextPair> pairs(Batch batch) {
        List<String> q = batch.texts(0);
        List<String> d = batch.texts(1);
        List<TextPair> out = new ArrayList<>(q.size());
        for (int i = 0; i < q.size(); i++) {
            out.add(new TextPair(q.get(i), d.get(i)));
        }
        return out;
    }

    static void requireOneLabel(String loss, int numLabels) {
        if (numLabels != 1) {
            throw new IllegalArgumentException(loss + " expects a model with 1 output label, but the model has "
                    + numLabels + " (use CrossEntropyLoss for classifiers)");
        }
    }
}
