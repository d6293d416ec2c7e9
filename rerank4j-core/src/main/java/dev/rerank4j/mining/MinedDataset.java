package dev.rerank4j.mining;

import java.util.List;
import java.util.Objects;

/**
 * The result of mining: rows of one {@link OutputFormat}, their column names, and the report.
 *
 * @param format the rows' shape
 * @param columns the column names, in order
 * @param outputScores whether the rows are written with scores instead of labels
 * @param rows the rows
 * @param report what happened: score statistics, filter counts, anchors left short of negatives
 */
public record MinedDataset(
        OutputFormat format, List<String> columns, boolean outputScores, List<MinedRow> rows, MiningReport report) {
    public MinedDataset {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(report, "report");
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The cells of row {@code i}, in column order. */
    public List<Object> values(int i) {
        return rows.get(i).values(outputScores);
    }
}
