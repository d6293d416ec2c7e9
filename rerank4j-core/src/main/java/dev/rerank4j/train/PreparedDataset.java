package dev.rerank4j.train;

import dev.rerank4j.data.ColumnMapping;
import dev.rerank4j.data.DataFormatException;
import dev.rerank4j.data.Dataset;
import dev.rerank4j.data.Row;
import dev.rerank4j.loss.Batch;
import dev.rerank4j.loss.Objective;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link TrainingDataset} checked against its loss and ready to batch: the column mapping resolved, every row's
 * values checked up front (so a bad row fails before any training, naming file, line, the columns found and those
 * expected), and the loss's objective built for the model.
 */
final class PreparedDataset implements SamplerRows {
    private final TrainingDataset source;
    private final int[] inputColumns;
    private final int labelColumn;
    private final Objective objective;

    private PreparedDataset(TrainingDataset source, int[] inputColumns, int labelColumn, Objective objective) {
        this.source = source;
        this.inputColumns = inputColumns;
        this.labelColumn = labelColumn;
        this.objective = objective;
    }

    static PreparedDataset prepare(TrainingDataset d, int numLabels) throws DataFormatException {
        Dataset data = d.dataset();
        ColumnMapping mapping;
        try {
            mapping = d.columns().resolve(data.columns());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dataset " + d.name() + ": " + e.getMessage(), e);
        }
        Optional<String> layout = d.loss()
                .checkLayout(mapping.inputs().size(), mapping.labelColumn().isPresent());
        if (layout.isPresent()) {
            throw new IllegalArgumentException("dataset " + d.name() + " (columns " + data.columns() + "; inputs "
                    + mapping.inputs() + ", label " + mapping.labelColumn().orElse("none") + "): " + layout.get()
                    + ". " + d.loss().name() + " reads " + d.loss().expectedColumns()
                    + (d.columns().isAutomatic()
                            ? "; select, remove or rename columns, or give an explicit column mapping"
                            : ""));
        }
        int[] inputs =
                mapping.inputs().stream().mapToInt(data.columns()::indexOf).toArray();
        int label = mapping.labelColumn().map(data.columns()::indexOf).orElse(-1);
        PreparedDataset p = new PreparedDataset(d, inputs, label, d.loss().objective(numLabels));
        p.checkRows(mapping);
        return p;
    }

    private void checkRows(ColumnMapping mapping) throws DataFormatException {
        for (int i = 0; i < source.dataset().size(); i++) {
            Batch one = batch(new int[] {i});
            Optional<String> problem = source.loss().checkRow(one);
            if (problem.isPresent()) {
                Row r = source.dataset().row(i);
                throw r.error(problem.get() + " (columns: " + String.join(", ", r.columns()) + "; "
                        + source.loss().name() + " reads inputs " + mapping.inputs()
                        + mapping.labelColumn()
                                .map(l -> " and label \"" + l + "\"")
                                .orElse("") + ": "
                        + source.loss().expectedColumns() + ")");
            }
        }
    }

    /** The rows at these indices as a batch. */
    Batch batch(int[] rows) {
        List<List<Object>> inputs = new ArrayList<>(inputColumns.length);
        for (int c : inputColumns) {
            List<Object> column = new ArrayList<>(rows.length);
            for (int r : rows) {
                column.add(source.dataset().row(r).get(c).orElse(null));
            }
            inputs.add(column);
        }
        List<Object> labels = new ArrayList<>(labelColumn < 0 ? 0 : rows.length);
        if (labelColumn >= 0) {
            for (int r : rows) {
                labels.add(source.dataset().row(r).get(labelColumn).orElse(null));
            }
        }
        return new Batch(source.name(), inputs, labels);
    }

    TrainingDataset source() {
        return source;
    }

    Objective objective() {
        return objective;
    }

    String name() {
        return source.name();
    }

    @Override
    public int size() {
        return source.dataset().size();
    }

    @Override
    public Set<String> inputValues(int row) {
        Set<String> out = new HashSet<>();
        Row r = source.dataset().row(row);
        for (int c : inputColumns) {
            r.get(c).ifPresent(v -> {
                if (v instanceof List<?> list) {
                    list.forEach(x -> out.add(String.valueOf(x)));
                } else {
                    out.add(String.valueOf(v));
                }
            });
        }
        return out;
    }

    @Override
    public String label(int row) {
        return labelColumn < 0
                ? ""
                : String.valueOf(source.dataset().row(row).get(labelColumn).orElse(""));
    }
}
