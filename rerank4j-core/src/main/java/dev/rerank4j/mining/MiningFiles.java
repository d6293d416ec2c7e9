package dev.rerank4j.mining;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rerank4j.TextPair;
import dev.rerank4j.data.DataFormatException;
import dev.rerank4j.data.DatasetFiles;
import dev.rerank4j.data.JsonLines;
import dev.rerank4j.data.Row;
import dev.rerank4j.data.RowStream;
import dev.rerank4j.data.TextFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the inputs of mining: (anchor, positive) pairs and a corpus, from JSON Lines ({@code .jsonl}), TSV with a
 * header line ({@code .tsv}), either optionally gzipped, or Parquet ({@code .parquet}); a corpus may also be plain
 * text, one document per line ({@code .txt}). The files are read through the {@code data} layer: {@link JsonLines},
 * {@link dev.rerank4j.data.TextFiles} and the Parquet rows of {@link DatasetFiles#streamParquet}.
 *
 * <p>Columns are chosen by name. Without names, the data must have exactly two columns, taken as anchor and positive in
 * order (sentence-transformers' default); naming one takes the other of two. A missing column, a non-string value or an
 * empty file fails with {@code file:line: what is wrong}, listing the columns that exist.
 */
public final class MiningFiles {
    private static final String HINT = " (choose them with --anchor-column and --positive-column)";

    private MiningFiles() {}

    /** Reads (anchor, positive) pairs from a file of exactly two columns, in that order. */
    public static MiningData readPairs(Path file) throws IOException {
        return readPairs(file, MiningColumns.inOrder());
    }

    /** Reads (anchor, positive) pairs from the columns named (or, unnamed, the other of two). */
    public static MiningData readPairs(Path file, MiningColumns columns) throws IOException {
        TextFiles.checkReadable(file);
        String[] names = choose(file, columns(file), columns);
        List<TextPair> pairs = new ArrayList<>();
        for (List<String> row : rows(file, List.of(names))) {
            pairs.add(new TextPair(row.get(0), row.get(1)));
        }
        if (pairs.isEmpty()) {
            throw new DataFormatException(file, 0, "no (anchor, positive) rows");
        }
        return new MiningData(names[0], names[1], pairs, List.of());
    }

    /**
     * Reads a corpus: the {@code field} column of a JSONL, TSV or Parquet file, or every non-blank line of a
     * {@code .txt} file.
     *
     * @throws DataFormatException if the file holds no document or lacks the column
     */
    public static List<String> readCorpus(Path file, String field) throws IOException {
        TextFiles.checkReadable(file);
        List<String> docs = new ArrayList<>();
        if (base(file).endsWith(".txt")) {
            TextFiles.forEachLine(file, (line, n) -> {
                if (!line.isBlank()) {
                    docs.add(line);
                }
            });
        } else {
            List<String> header = columns(file);
            if (!header.contains(field)) {
                throw new DataFormatException(
                        file,
                        1,
                        "no column \"" + field + "\" (columns: " + String.join(", ", header)
                                + "; choose one with --corpus-field)");
            }
            rows(file, List.of(field)).forEach(row -> docs.add(row.get(0)));
        }
        if (docs.isEmpty()) {
            throw new DataFormatException(file, 0, "the corpus is empty: no documents");
        }
        return docs;
    }

    private static String[] choose(Path file, List<String> header, MiningColumns columns) throws DataFormatException {
        Optional<String> a = columns.anchor();
        Optional<String> p = columns.positive();
        for (Optional<String> name : List.of(a, p)) {
            if (name.isPresent() && !header.contains(name.get())) {
                throw new DataFormatException(
                        file, 1, "no column \"" + name.get() + "\" (columns: " + String.join(", ", header) + ")");
            }
        }
        if (a.isPresent() && p.isPresent()) {
            if (a.get().equals(p.get())) {
                throw new IllegalArgumentException(
                        "the anchor and positive columns must differ, both are \"" + a.get() + "\"");
            }
            return new String[] {a.get(), p.get()};
        }
        if (header.size() != 2) {
            throw new DataFormatException(
                    file,
                    1,
                    "has " + header.size() + " columns (" + String.join(", ", header)
                            + "); name the anchor and positive columns" + HINT);
        }
        String anchor = a.orElseGet(() -> p.map(x -> other(header, x)).orElse(header.get(0)));
        String positive = p.orElseGet(() -> other(header, anchor));
        return new String[] {anchor, positive};
    }

    private static String other(List<String> two, String one) {
        return two.get(0).equals(one) ? two.get(1) : two.get(0);
    }

    /** The column names: the first JSON object's keys, the TSV header line, or the Parquet schema. */
    static List<String> columns(Path file) throws IOException {
        Format format = format(file);
        List<String> header = new ArrayList<>();
        switch (format) {
            case JSONL ->
                JsonLines.forEachObject(file, (object, n) -> {
                    if (header.isEmpty()) {
                        object.fieldNames().forEachRemaining(header::add);
                    }
                });
            case TSV ->
                TextFiles.forEachLine(file, (line, n) -> {
                    if (n == 1) {
                        header.addAll(Arrays.asList(line.split("\t", -1)));
                    }
                });
            case PARQUET -> {
                try (RowStream rows = DatasetFiles.streamParquet(file, List.of())) {
                    header.addAll(rows.columns());
                }
            }
        }
        if (header.isEmpty()) {
            throw new DataFormatException(
                    file,
                    0,
                    format == Format.TSV
                            ? "empty file; a TSV file needs a header line" + " naming its columns"
                            : "no rows");
        }
        return header;
    }

    /** The string cells of {@code names}, one list per row. */
    static List<List<String>> rows(Path file, List<String> names) throws IOException {
        List<List<String>> table = new ArrayList<>();
        switch (format(file)) {
            case JSONL -> JsonLines.forEachObject(file, (object, n) -> table.add(cells(file, n, object, names)));
            case TSV -> {
                List<String> header = columns(file);
                TextFiles.forEachLine(file, (line, n) -> {
                    if (n == 1 || line.isBlank()) {
                        return;
                    }
                    String[] cells = line.split("\t", -1);
                    if (cells.length != header.size()) {
                        throw new DataFormatException(
                                file,
                                n,
                                "expected " + header.size() + " tab-separated columns (" + String.join(", ", header)
                                        + "), found " + cells.length);
                    }
                    List<String> row = new ArrayList<>(names.size());
                    names.forEach(name -> row.add(cells[header.indexOf(name)]));
                    table.add(row);
                });
            }
            case PARQUET -> {
                try (RowStream rows = DatasetFiles.streamParquet(file, names)) {
                    for (Optional<Row> r = rows.next(); r.isPresent(); r = rows.next()) {
                        table.add(strings(file, r.get(), names));
                    }
                }
            }
        }
        return table;
    }

    private enum Format {
        JSONL,
        TSV,
        PARQUET
    }

    private static Format format(Path file) throws DataFormatException {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, 0, "no such file");
        }
        String base = base(file);
        if (base.endsWith(".jsonl") || base.endsWith(".json") || base.endsWith(".ndjson")) {
            return Format.JSONL;
        }
        if (base.endsWith(".tsv")) {
            return Format.TSV;
        }
        if (base.endsWith(".parquet")) {
            return Format.PARQUET;
        }
        throw new DataFormatException(
                file,
                0,
                "unknown format; use .jsonl, .tsv (with a header line) or .parquet"
                        + " (.jsonl and .tsv may be gzipped)");
    }

    private static List<String> cells(Path file, long n, JsonNode row, List<String> names) throws DataFormatException {
        List<String> cells = new ArrayList<>(names.size());
        for (String name : names) {
            JsonNode v = row.get(name);
            if (v == null || !v.isTextual()) {
                List<String> present = new ArrayList<>();
                row.fieldNames().forEachRemaining(present::add);
                throw new DataFormatException(
                        file,
                        n,
                        (v == null
                                        ? "missing column \"" + name + "\""
                                        : "column \"" + name + "\" must be a string, got " + v.getNodeType())
                                + " (columns: " + String.join(", ", present) + ")");
            }
            cells.add(v.asText());
        }
        return cells;
    }

    /** The Parquet row's cells of {@code names}, each a string. */
    private static List<String> strings(Path file, Row row, List<String> names) throws DataFormatException {
        List<String> cells = new ArrayList<>(names.size());
        for (String name : names) {
            if (!(row.get(name).orElse(null) instanceof String text)) {
                throw new DataFormatException(
                        file,
                        0,
                        "row " + row.line() + ": column \"" + name + "\" is not a string (null or another type)");
            }
            cells.add(text);
        }
        return cells;
    }

    private static String base(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }
}
