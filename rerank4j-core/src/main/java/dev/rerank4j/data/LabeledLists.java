package dev.rerank4j.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Listwise training data: rows of (query, [documents], [labels]), the input of sentence-transformers' listwise losses
 * ({@code ListNetLoss}, {@code LambdaLoss}, ...) and the {@code labeled-list} format of its {@code
 * mine_hard_negatives}. {@link #groupByQuery} builds them from labelled pairs, one row per (query, document, label).
 *
 * <pre>{@code
 * Dataset pairs = DatasetFiles.read(Path.of("WikiQASent-train.txt"), ReadOptions.defaults()
 *         .withColumnNames(List.of("question", "sentence", "label")));
 * Dataset lists = LabeledLists.groupByQuery(pairs, new LabeledLists.Columns("question", "sentence", "label"));
 * // columns: query, docs, labels
 * }</pre>
 */
public final class LabeledLists {
    /** The output's columns: the query, its documents, their labels. */
    public static final List<String> COLUMNS = List.of("query", "docs", "labels");

    private LabeledLists() {}

    /**
     * Which columns of a pair dataset hold the query, the document and the label.
     *
     * @param query the query column
     * @param document the document column
     * @param label the label column (numbers or booleans)
     */
    public record Columns(String query, String document, String label) {
        public Columns {
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(document, "document");
            Objects.requireNonNull(label, "label");
        }
    }

    /**
     * Groups labelled pairs by query text: one row per distinct query, in order of first appearance, with its
     * documents and labels in input order. A row keeps the file and line of the query's first pair.
     *
     * @throws DataFormatException naming file and line of a pair with a missing query, document or label, or a label
     *     that is not a number
     * @throws IllegalArgumentException if a column is not in the dataset
     */
    public static Dataset groupByQuery(Dataset pairs, Columns columns) throws DataFormatException {
        for (String c : List.of(columns.query(), columns.document(), columns.label())) {
            if (!pairs.columns().contains(c)) {
                throw new IllegalArgumentException(
                        "no column \"" + c + "\" in " + pairs.name() + " (columns: " + pairs.columns() + ")");
            }
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Row r : pairs.rows()) {
            String query = text(r, columns.query());
            String doc = text(r, columns.document());
            Object label = r.get(columns.label()).orElse(null);
            if (!(label instanceof Number || label instanceof Boolean)) {
                label = number(r, columns.label(), label);
            }
            groups.computeIfAbsent(query, q -> new Group(r)).add(doc, label);
        }
        List<Row> rows = new ArrayList<>(groups.size());
        groups.forEach((query, g) ->
                rows.add(Row.of(COLUMNS, List.of(query, g.docs, g.labels), g.first.source(), g.first.line())));
        return Dataset.of(pairs.name(), COLUMNS, rows);
    }

    private static String text(Row r, String column) throws DataFormatException {
        Object v = r.get(column).orElse(null);
        if (!(v instanceof String s)) {
            throw r.error("column \"" + column + "\" must be a text, got " + (v == null ? "nothing" : v));
        }
        return s;
    }

    private static Object number(Row r, String column, Object v) throws DataFormatException {
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                throw new DataFormatException(
                        r.source(), r.line(), "column \"" + column + "\" must be a number, got \"" + s + "\"", e);
            }
        }
        throw r.error("column \"" + column + "\" must be a number, got " + (v == null ? "nothing" : v));
    }

    private static final class Group {
        final Row first;
        final List<Object> docs = new ArrayList<>();
        final List<Object> labels = new ArrayList<>();

        Group(Row first) {
            this.first = first;
        }

        void add(String doc, Object label) {
            docs.add(doc);
            labels.add(label);
        }
    }
}
