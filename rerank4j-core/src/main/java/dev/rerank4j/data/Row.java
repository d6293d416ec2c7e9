package dev.rerank4j.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a {@link Dataset}: a value per column, plus where the row came from (file and line), so that a bad value
 * can be reported as {@code train.jsonl:118}.
 *
 * <p>Values are {@link String}, {@link Long}, {@link Double}, {@link Boolean}, or an unmodifiable {@link List} of
 * those; a null cell (JSON {@code null}, a Parquet null) reads as empty. Rows are immutable.
 */
public final class Row {
    private final List<String> columns;
    private final Object[] values;
    private final Path source;
    private final long line;

    Row(List<String> columns, Object[] values, Path source, long line) {
        if (columns.size() != values.length) {
            throw new IllegalArgumentException(
                    "a row needs one value per column: " + columns.size() + " columns, " + values.length + " values");
        }
        this.columns = columns;
        this.values = values;
        this.source = Objects.requireNonNull(source, "source");
        this.line = line;
    }

    /**
     * A row built in code.
     *
     * @param columns the column names, in order
     * @param values one value per column (see the class comment for the allowed types)
     * @param source what to name in messages about this row, e.g. the dataset's name
     * @param line the 1-based line or row number in {@code source}
     */
    public static Row of(List<String> columns, List<?> values, Path source, long line) {
        Object[] copy = new Object[values.size()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = normalise(values.get(i), columns.get(Math.min(i, columns.size() - 1)));
        }
        return new Row(List.copyOf(columns), copy, source, line);
    }

    /** The column names, in order. */
    public List<String> columns() {
        return columns;
    }

    /**
     * The value of a column; empty for a null cell.
     *
     * @throws IllegalArgumentException naming the columns there are if this one is not among them
     */
    public Optional<Object> get(String column) {
        return Optional.ofNullable(values[index(column)]);
    }

    /** The value at a column position; empty for a null cell. */
    public Optional<Object> get(int column) {
        return Optional.ofNullable(values[column]);
    }

    /** The file (or dataset name) the row came from. */
    public Path source() {
        return source;
    }

    /** The 1-based line (text files) or row number (Parquet, in-memory data) in {@link #source()}. */
    public long line() {
        return line;
    }

    /** The values by column name, in column order; a null cell maps to {@code null}. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(columns.get(i), values[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** A malformed-data error located at this row. */
    public DataFormatException error(String detail) {
        return new DataFormatException(source, line, detail);
    }

    int index(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException(
                    "no column \"" + column + "\" (columns: " + String.join(", ", columns) + ")");
        }
        return i;
    }

    Object[] values() {
        return values;
    }

    /** A copy with other columns and values, keeping the origin. */
    Row with(List<String> newColumns, Object[] newValues) {
        return new Row(newColumns, newValues, source, line);
    }

    /** Checks and freezes a value: strings, integral and decimal numbers, booleans, lists of those, or null. */
    static Object normalise(Object v, String column) {
        if (v == null || v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Double || v instanceof Float) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(normalise(o, column));
            }
            return Collections.unmodifiableList(out);
        }
        throw new IllegalArgumentException("column \"" + column + "\": unsupported value type "
                + v.getClass().getSimpleName() + " (use strings, numbers, booleans or lists of them)");
    }

    @Override
    public String toString() {
        return source + ":" + line + " " + asMap();
    }
}
