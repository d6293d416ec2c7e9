package dev.rerank4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which columns of a dataset a loss reads, and in which order: the inputs (e.g. query then document) and the label.
 *
 * <p>{@link #automatic()} applies sentence-transformers' rule ({@code CrossEncoderDataCollator}): the first of
 * {@code label}, {@code labels}, {@code score}, {@code scores} that exists is the label, {@code dataset_name} is
 * ignored, and every other column, in dataset order, is an input. An explicit mapping ({@link #of}) names the inputs
 * and the label instead, so files need not be reordered and extra columns are simply not read.
 *
 * @param inputs the input columns in the order the loss takes them; empty = automatic
 * @param label the label column; empty = automatic, or no label when inputs are given
 */
public record ColumnMapping(List<String> inputs, String label) {
    /** The label column names sentence-transformers recognises, by priority. */
    public static final List<String> LABEL_COLUMNS = List.of("label", "labels", "score", "scores");

    /** The column multi-dataset training adds; never an input. */
    public static final String DATASET_NAME = "dataset_name";

    public ColumnMapping {
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty() && !label.isEmpty()) {
            throw new IllegalArgumentException(
                    "a column mapping with a label (\"" + label + "\") must name its inputs too, got none");
        }
        if (inputs.contains(label)) {
            throw new IllegalArgumentException("column \"" + label + "\" cannot be both an input and the label");
        }
        if (inputs.stream().distinct().count() != inputs.size()) {
            throw new IllegalArgumentException("input columns must be distinct, got " + inputs);
        }
    }

    /** sentence-transformers' rule: label by name, every other column an input. */
    public static ColumnMapping automatic() {
        return new ColumnMapping(List.of(), "");
    }

    /** Explicit inputs (in order) and a label column ({@code ""} for none). */
    public static ColumnMapping of(List<String> inputs, String label) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("an explicit column mapping needs at least one input column");
        }
        return new ColumnMapping(inputs, label);
    }

    /** Whether this mapping is the automatic rule. */
    public boolean isAutomatic() {
        return inputs.isEmpty();
    }

    /** The label column, if any. */
    public Optional<String> labelColumn() {
        return label.isEmpty() ? Optional.empty() : Optional.of(label);
    }

    /**
     * The explicit mapping this one means for a dataset with these columns.
     *
     * @throws IllegalArgumentException naming the columns found when an explicit column is missing
     */
    public ColumnMapping resolve(List<String> columns) {
        if (!isAutomatic()) {
            List<String> missing = new ArrayList<>();
            for (String c : inputs) {
                if (!columns.contains(c)) {
                    missing.add(c);
                }
            }
            if (!label.isEmpty() && !columns.contains(label)) {
                missing.add(label);
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("column mapping names " + quoted(missing)
                        + " but the dataset's columns are " + quoted(columns));
            }
            return this;
        }
        String found =
                LABEL_COLUMNS.stream().filter(columns::contains).findFirst().orElse("");
        List<String> in = columns.stream()
                .filter(c -> !c.equals(found) && !c.equals(DATASET_NAME))
                .toList();
        if (in.isEmpty()) {
            throw new IllegalArgumentException("no input columns among " + quoted(columns));
        }
        return new ColumnMapping(in, found);
    }

    static String quoted(List<String> names) {
        return names.stream()
                .map(n -> "\"" + n + "\"")
                .reduce((a, b) -> a + ", " + b)
                .orElse("(none)");
    }

    @Override
    public String toString() {
        return isAutomatic() ? "automatic" : "inputs " + inputs + (label.isEmpty() ? "" : ", label " + label);
    }
}
