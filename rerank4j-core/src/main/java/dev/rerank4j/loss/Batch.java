package dev.rerank4j.loss;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One training batch as a loss sees it, like sentence-transformers' collated batch: the input columns in the order
 * of the column mapping (each a list with one value per row) and the labels (one per row; empty when the dataset has
 * no label column). Values are those of {@link dev.rerank4j.data.Row}: strings, numbers, booleans and lists.
 *
 * @param datasetName the training dataset the rows come from
 * @param inputs the input columns, each of {@link #size()} values
 * @param labels one label per row, or empty
 *     <p>A null cell stays null here, for the loss's row check to report.
 */
public record Batch(String datasetName, List<List<Object>> inputs, List<Object> labels) {
    public Batch {
        Objects.requireNonNull(datasetName, "datasetName");
        inputs = inputs.stream()
                .map(c -> Collections.unmodifiableList(new ArrayList<>(c)))
                .toList();
        labels = Collections.unmodifiableList(new ArrayList<>(labels));
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one input column");
        }
        int n = inputs.get(0).size();
        for (List<Object> c : inputs) {
            if (c.size() != n) {
                throw new IllegalArgumentException("every input column needs " + n + " values, got " + c.size());
            }
        }
        if (!labels.isEmpty() && labels.size() != n) {
            throw new IllegalArgumentException("labels must be empty or " + n + " values, got " + labels.size());
        }
    }

    /** The number of rows. */
    public int size() {
        return inputs.get(0).size();
    }

    /** The number of input columns. */
    public int columns() {
        return inputs.size();
    }

    /** Whether the rows have labels. */
    public boolean hasLabels() {
        return !labels.isEmpty();
    }

    /** An input column of texts. */
    public List<String> texts(int column) {
        List<String> out = new ArrayList<>(size());
        for (Object o : inputs.get(column)) {
            out.add((String) o);
        }
        return out;
    }

    /** An input column of text lists (a query's documents, for listwise losses). */
    @SuppressWarnings("unchecked")
    public List<List<String>> textLists(int column) {
        List<List<String>> out = new ArrayList<>(size());
        for (Object o : inputs.get(column)) {
            out.add((List<String>) o);
        }
        return out;
    }

    /** Scalar labels as floats (booleans as 1/0). */
    public float[] scalarLabels() {
        float[] out = new float[labels.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Labels.scalar(labels.get(i));
        }
        return out;
    }

    /** List labels (one float array per row). */
    public List<float[]> listLabels() {
        List<float[]> out = new ArrayList<>(labels.size());
        for (Object o : labels) {
            List<?> l = (List<?>) o;
            float[] f = new float[l.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = Labels.scalar(l.get(i));
            }
            out.add(f);
        }
        return out;
    }
}
