package dev.rerank4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rerank4j.TextPair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reads (query, document) pairs from a file: JSON Lines ({@code .jsonl}, {@code .json}, {@code .ndjson}) with one
 * object per line, or tab-separated values ({@code .tsv}, {@code .txt}); either may be gzipped ({@code .gz}).
 *
 * <p>JSON Lines: the query and document are the string fields named {@code queryField} and {@code documentField}
 * (default {@code query} and {@code document}). TSV: when the first line is a header holding both names, those
 * columns; else the 1-based column numbers given as the names, or columns 1 and 2 for the default names. Blank lines
 * are skipped. Every other problem fails with {@code file:line: what is wrong}.
 */
public final class PairFile {
    private PairFile() {}

    /** Reads pairs with the fields {@code query} and {@code document}. */
    public static List<TextPair> read(Path file) throws IOException {
        return read(file, "query", "document");
    }

    /** Reads pairs with the given field names (JSON) or column names or 1-based numbers (TSV). */
    public static List<TextPair> read(Path file, String queryField, String documentField) throws IOException {
        TextFiles.checkReadable(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        if (base.endsWith(".jsonl") || base.endsWith(".json") || base.endsWith(".ndjson")) {
            return readJsonl(file, queryField, documentField);
        }
        if (base.endsWith(".tsv") || base.endsWith(".txt")) {
            return readTsv(file, queryField, documentField);
        }
        throw new DataFormatException(
                file,
                0,
                "unknown format; use .jsonl (one JSON object per line) or .tsv"
                        + " (tab-separated query and document), optionally gzipped (.gz)");
    }

    private static List<TextPair> readJsonl(Path file, String q, String d) throws IOException {
        List<TextPair> out = new ArrayList<>();
        JsonLines.forEachObject(file, (row, n) -> {
            out.add(new TextPair(text(file, n, row, q, d), text(file, n, row, d, q)));
        });
        return out;
    }

    private static String text(Path file, long line, JsonNode row, String field, String other)
            throws DataFormatException {
        JsonNode v = row.get(field);
        if (v != null && v.isTextual()) {
            return v.asText();
        }
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = row.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        throw new DataFormatException(
                file,
                line,
                (v == null ? "missing field \"" + field + "\"" : "field \"" + field + "\" must be a string")
                        + " (fields: " + String.join(", ", names) + "; expected \"" + field + "\" and \"" + other
                        + "\"; other names can be chosen, e.g. --query-field/--document-field)");
    }

    private static List<TextPair> readTsv(Path file, String q, String d) throws IOException {
        List<TextPair> out = new ArrayList<>();
        int[] columns = {columnNumber(q, 0), columnNumber(d, 1)};
        TextFiles.forEachLine(file, (line, n) -> {
            if (n == 1) {
                List<String> header = Arrays.asList(line.split("\t", -1));
                if (header.contains(q) && header.contains(d)) {
                    columns[0] = header.indexOf(q);
                    columns[1] = header.indexOf(d);
                    return;
                }
                if (columns[0] < 0 || columns[1] < 0) {
                    throw new DataFormatException(
                            file,
                            n,
                            "no header with the columns \"" + q + "\" and \"" + d + "\" (first line: "
                                    + String.join(", ", header) + ")");
                }
            }
            if (line.isBlank()) {
                return;
            }
            String[] cells = line.split("\t", -1);
            int need = Math.max(columns[0], columns[1]) + 1;
            if (cells.length < need) {
                throw new DataFormatException(
                        file, n, "expected at least " + need + " tab-separated columns, found " + cells.length);
            }
            out.add(new TextPair(cells[columns[0]], cells[columns[1]]));
        });
        return out;
    }

    /** A 1-based column number as a 0-based index; the given default for the standard names; -1 for other names. */
    private static int columnNumber(String field, int fallback) {
        if (field.equals("query") || field.equals("document")) {
            return fallback;
        }
        try {
            int c = Integer.parseInt(field);
            if (c < 1) {
                throw new IllegalArgumentException("column numbers start at 1, got " + field);
            }
            return c - 1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
