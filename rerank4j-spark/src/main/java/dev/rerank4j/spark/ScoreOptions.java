package dev.rerank4j.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * How {@link SparkRerank#score} reads and extends a DataFrame.
 *
 * @param queryColumn the query column (strings)
 * @param documentColumn the document column (strings)
 * @param scoreColumn the float column added (it must not exist yet)
 * @param badRows fail on a bad row, or route it to {@code errorColumn}
 * @param errorColumn the string column added with {@link BadRows#ERROR_COLUMN}: null for a good row, the reason else
 * @param batchSize pairs per forward pass
 * @param chunkSize pairs a task scores together: the batches inside a chunk are sorted by length (so padding is
 *     small), and a task holds one chunk of rows at a time
 */
public record ScoreOptions(
        String queryColumn,
        String documentColumn,
        String scoreColumn,
        BadRows badRows,
        String errorColumn,
        int batchSize,
        int chunkSize)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public ScoreOptions {
        Objects.requireNonNull(queryColumn, "queryColumn");
        Objects.requireNonNull(documentColumn, "documentColumn");
        Objects.requireNonNull(scoreColumn, "scoreColumn");
        Objects.requireNonNull(badRows, "badRows");
        Objects.requireNonNull(errorColumn, "errorColumn");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
        }
        if (queryColumn.equals(documentColumn)) {
            throw new IllegalArgumentException("queryColumn and documentColumn must differ, both are " + queryColumn);
        }
    }

    /** Columns {@code query}, {@code document}; adds {@code score}; fails on a bad row; batch 32, chunks of 4,096. */
    public static ScoreOptions defaults() {
        return new ScoreOptions("query", "document", "score", BadRows.FAIL, "error", 32, 4096);
    }

    public ScoreOptions withColumns(String query, String document) {
        return new ScoreOptions(query, document, scoreColumn, badRows, errorColumn, batchSize, chunkSize);
    }

    public ScoreOptions withScoreColumn(String name) {
        return new ScoreOptions(queryColumn, documentColumn, name, badRows, errorColumn, batchSize, chunkSize);
    }

    /** Routes bad rows to {@code column} instead of failing. */
    public ScoreOptions withErrorColumn(String column) {
        return new ScoreOptions(
                queryColumn, documentColumn, scoreColumn, BadRows.ERROR_COLUMN, column, batchSize, chunkSize);
    }

    public ScoreOptions withBatchSize(int n) {
        return new ScoreOptions(queryColumn, documentColumn, scoreColumn, badRows, errorColumn, n, chunkSize);
    }

    public ScoreOptions withChunkSize(int n) {
        return new ScoreOptions(queryColumn, documentColumn, scoreColumn, badRows, errorColumn, batchSize, n);
    }
}
