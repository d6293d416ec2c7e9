package dev.rerank4j.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * An immutable table: named columns and rows, as a Hugging Face {@code datasets.Dataset}. Every transformation
 * returns a new dataset and leaves this one unchanged; rows are shared, never copied.
 *
 * <pre>{@code
 * Dataset all = DatasetFiles.read(Path.of("train.jsonl"));
 * DatasetSplit split = all.selectColumns(List.of("query", "answer")).shuffle(12).trainTestSplit(1000, 12);
 * }</pre>
 *
 * <p>Read files with {@link DatasetFiles} (JSON Lines, CSV, TSV, Parquet) or {@link HubDatasets} (hub ids); iterate a
 * file too large for memory with {@link DatasetFiles#stream}.
 */
public final class Dataset {
    private final String name;
    private final List<String> columns;
    private final List<Row> rows;
    private volatile String fingerprint;

    private Dataset(String name, List<String> columns, List<Row> rows) {
        this.name = Objects.requireNonNull(name, "name");
        this.columns = columns;
        this.rows = rows;
    }

    /** A dataset of rows read elsewhere; every row must have exactly {@code columns}. */
    public static Dataset of(String name, List<String> columns, List<Row> rows) {
        List<String> cols = List.copyOf(columns);
        checkNames(cols);
        for (Row r : rows) {
            if (!r.columns().equals(cols)) {
                throw new IllegalArgumentException(r.source() + ":" + r.line() + ": columns " + r.columns()
                        + " differ from the dataset's " + cols);
            }
        }
        return new Dataset(name, cols, List.copyOf(rows));
    }

    /**
     * A dataset built in code, like {@code Dataset.from_dict}: one list of values per row, in column order.
     *
     * @param name the name messages use as the rows' source ({@code name:3} is the third row)
     */
    public static Dataset fromRows(String name, List<String> columns, List<? extends List<?>> values) {
        List<String> cols = List.copyOf(columns);
        checkNames(cols);
        Path source = Path.of(name);
        List<Row> rows = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            List<?> v = values.get(i);
            if (v.size() != cols.size()) {
                throw new IllegalArgumentException(
                        name + ":" + (i + 1) + ": " + v.size() + " values for " + cols.size() + " columns " + cols);
            }
            rows.add(Row.of(cols, v, source, i + 1L));
        }
        return new Dataset(name, cols, List.copyOf(rows));
    }

    /** The name: a file name, a hub id, or the name given in code. */
    public String name() {
        return name;
    }

    /** The column names, in order. */
    public List<String> columns() {
        return columns;
    }

    /** The number of rows. */
    public int size() {
        return rows.size();
    }

    /** The row at {@code index} (0-based). */
    public Row row(int index) {
        return rows.get(index);
    }

    /** All rows, in order (a read-only view). */
    public List<Row> rows() {
        return rows;
    }

    /** Every value of one column, in row order (nulls included). */
    public List<Object> column(String column) {
        int c = index(column);
        List<Object> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(r.values()[c]);
        }
        return Collections.unmodifiableList(out);
    }

    /** The same rows under another name. */
    public Dataset withName(String newName) {
        return new Dataset(newName, columns, rows);
    }

    /** Keeps only these columns, in this order (like {@code select_columns}). */
    public Dataset selectColumns(List<String> keep) {
        List<String> cols = List.copyOf(keep);
        checkNames(cols);
        int[] from = cols.stream().mapToInt(this::index).toArray();
        List<Row> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Object[] v = new Object[from.length];
            for (int i = 0; i < from.length; i++) {
                v[i] = r.values()[from[i]];
            }
            out.add(r.with(cols, v));
        }
        return new Dataset(name, cols, Collections.unmodifiableList(out));
    }

    /** Drops these columns (like {@code remove_columns}). */
    public Dataset removeColumns(List<String> drop) {
        drop.forEach(this::index);
        return selectColumns(columns.stream().filter(c -> !drop.contains(c)).toList());
    }

    /** Renames one column (like {@code rename_column}). */
    public Dataset renameColumn(String from, String to) {
        return renameColumns(Map.of(from, to));
    }

    /** Renames columns, old name to new name (like {@code rename_columns}); the order stays. */
    public Dataset renameColumns(Map<String, String> renames) {
        renames.keySet().forEach(this::index);
        List<String> cols =
                columns.stream().map(c -> renames.getOrDefault(c, c)).toList();
        checkNames(cols);
        List<Row> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(r.with(cols, r.values()));
        }
        return new Dataset(name, cols, Collections.unmodifiableList(out));
    }

    /** The rows in a random order that depends only on {@code seed} (Fisher-Yates with a SplittableRandom). */
    public Dataset shuffle(long seed) {
        return pick(permutation(rows.size(), seed));
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive), like {@code select(range(from, to))}. */
    public Dataset range(int from, int to) {
        if (from < 0 || to < from || to > rows.size()) {
            throw new IllegalArgumentException("range must satisfy 0 <= from <= to <= " + rows.size()
                    + " (the size), got [" + from + ", " + to + ")");
        }
        return new Dataset(name, columns, rows.subList(from, to));
    }

    /** The first {@code n} rows (all when there are fewer). */
    public Dataset take(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        return range(0, Math.min(n, rows.size()));
    }

    /** The rows at these indices, in this order (like {@code select(indices)}). */
    public Dataset select(int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= rows.size()) {
                throw new IllegalArgumentException("index must be in [0, " + rows.size() + "), got " + i);
            }
        }
        return pick(indices);
    }

    /**
     * Splits off {@code testSize} random rows, like {@code train_test_split(test_size=n, seed=seed)}: the rows are
     * shuffled with the seed, the first {@code testSize} form the test set and the rest the training set.
     */
    public DatasetSplit trainTestSplit(int testSize, long seed) {
        if (testSize < 1 || testSize >= rows.size()) {
            throw new IllegalArgumentException("testSize must be in [1, " + (rows.size() - 1) + "] (fewer than the "
                    + rows.size() + " rows), got " + testSize);
        }
        int[] perm = permutation(rows.size(), seed);
        int[] test = java.util.Arrays.copyOfRange(perm, 0, testSize);
        int[] train = java.util.Arrays.copyOfRange(perm, testSize, perm.length);
        return new DatasetSplit(pick(train), pick(test));
    }

    /** {@link #trainTestSplit(int, long)} with a fraction in (0, 1) of the rows (rounded up, as datasets does). */
    public DatasetSplit trainTestSplit(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
        return trainTestSplit((int) Math.ceil(testFraction * rows.size()), seed);
    }

    /** Concatenates datasets with the same columns, in order (like {@code concatenate_datasets}). */
    public static Dataset concatenate(String name, List<Dataset> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concatenate needs at least one dataset");
        }
        List<String> cols = parts.get(0).columns;
        List<Row> all = new ArrayList<>();
        for (Dataset d : parts) {
            if (!d.columns.equals(cols)) {
                throw new IllegalArgumentException(
                        "cannot concatenate " + d.name + " " + d.columns + " with " + parts.get(0).name + " " + cols);
            }
            all.addAll(d.rows);
        }
        return new Dataset(name, cols, Collections.unmodifiableList(all));
    }

    /**
     * A SHA-256 over the column names and every value, in order: two datasets with the same fingerprint hold the same
     * data. Written next to trained models as provenance.
     */
    public String fingerprint() {
        String f = fingerprint;
        if (f == null) {
            f = computeFingerprint();
            fingerprint = f;
        }
        return f;
    }

    private String computeFingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(String.join("\u0000", columns).getBytes(StandardCharsets.UTF_8));
            for (Row r : rows) {
                for (Object v : r.values()) {
                    sha.update((byte) 0x1e);
                    sha.update(String.valueOf(v).getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    int index(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("dataset " + name + " has no column \"" + column + "\" (columns: "
                    + String.join(", ", columns) + ")");
        }
        return i;
    }

    private Dataset pick(int[] indices) {
        List<Row> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(rows.get(i));
        }
        return new Dataset(name, columns, Collections.unmodifiableList(out));
    }

    /** A seeded permutation of {@code 0..n-1}. */
    static int[] permutation(int n, long seed) {
        return Permutations.of(n, new SplittableRandom(seed));
    }

    private static void checkNames(List<String> cols) {
        Set<String> seen = new LinkedHashSet<>();
        for (String c : cols) {
            if (c.isEmpty()) {
                throw new IllegalArgumentException("column names must not be empty, got " + cols);
            }
            if (!seen.add(c)) {
                throw new IllegalArgumentException("column \"" + c + "\" appears twice in " + cols);
            }
        }
    }

    @Override
    public String toString() {
        return "Dataset(" + name + ", " + rows.size() + " rows, columns " + columns + ")";
    }
}
