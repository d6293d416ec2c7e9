package dev.rerank4j.data;

import java.util.List;
import java.util.Objects;

/**
 * How {@link DatasetFiles} reads a file.
 *
 * @param format the format, or {@link DatasetFormat#AUTO} to go by the file name
 * @param columnNames for CSV/TSV: the column names; empty = take them from the header line
 * @param header for CSV/TSV: whether the first line is a header (skipped when {@code columnNames} are given)
 */
public record ReadOptions(DatasetFormat format, List<String> columnNames, boolean header) {
    public ReadOptions {
        Objects.requireNonNull(format, "format");
        columnNames = List.copyOf(columnNames);
        if (columnNames.isEmpty() && !header) {
            throw new IllegalArgumentException(
                    "a CSV/TSV file without a header line needs columnNames (the names of its columns)");
        }
    }

    /** The format from the file name; CSV/TSV column names from the header line. */
    public static ReadOptions defaults() {
        return new ReadOptions(DatasetFormat.AUTO, List.of(), true);
    }

    public ReadOptions withFormat(DatasetFormat f) {
        return new ReadOptions(f, columnNames, header);
    }

    /** Column names for a CSV/TSV file without a header line. */
    public ReadOptions withColumnNames(List<String> names) {
        return new ReadOptions(format, names, names.isEmpty());
    }

    /** Whether the first CSV/TSV line is a header (with column names given, it is skipped). */
    public ReadOptions withHeader(boolean h) {
        return new ReadOptions(format, columnNames, h);
    }
}
