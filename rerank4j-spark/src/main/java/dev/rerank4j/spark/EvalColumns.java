package dev.rerank4j.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * How {@link SparkRerank#evaluate} reads a labelled DataFrame: one row per (query, document, label); a query's rows
 * are its candidates in the frame's order; label > 0 is relevant (an integer label is the NDCG grade).
 *
 * @param queryColumn the query column
 * @param documentColumn the document column
 * @param labelColumn the numeric label column
 * @param name the evaluation's name (metric keys {@code {name}_map}, ...; empty = none)
 * @param atK the cut-off of MRR and NDCG
 * @param batchSize pairs per forward pass
 */
public record EvalColumns(
        String queryColumn, String documentColumn, String labelColumn, String name, int atK, int batchSize)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public EvalColumns {
        Objects.requireNonNull(queryColumn, "queryColumn");
        Objects.requireNonNull(documentColumn, "documentColumn");
        Objects.requireNonNull(labelColumn, "labelColumn");
        Objects.requireNonNull(name, "name");
        if (atK < 1) {
            throw new IllegalArgumentException("atK must be >= 1, got " + atK);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
    }

    /** Columns {@code query}, {@code document}, {@code label}; no name; at 10; batch 32. */
    public static EvalColumns defaults() {
        return new EvalColumns("query", "document", "label", "", 10, 32);
    }

    public EvalColumns withColumns(String query, String document, String label) {
        return new EvalColumns(query, document, label, name, atK, batchSize);
    }

    public EvalColumns withName(String n) {
        return new EvalColumns(queryColumn, documentColumn, labelColumn, n, atK, batchSize);
    }

    public EvalColumns withAtK(int k) {
        return new EvalColumns(queryColumn, documentColumn, labelColumn, name, k, batchSize);
    }

    public EvalColumns withBatchSize(int n) {
        return new EvalColumns(queryColumn, documentColumn, labelColumn, name, atK, n);
    }
}
