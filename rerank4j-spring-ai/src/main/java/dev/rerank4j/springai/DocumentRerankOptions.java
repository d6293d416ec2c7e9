package dev.rerank4j.springai;

import java.util.Objects;

/**
 * What {@link Rerank4jDocumentPostProcessor} keeps and how it labels the scores.
 *
 * @param topN the most documents kept, best first; 0 keeps all
 * @param minScore documents scoring below it are dropped; {@code -Infinity} keeps all (scores are after the model's
 *     activation, in [0, 1] for a sigmoid reranker)
 * @param scoreKey the metadata key the rerank score is written under (the document's own score is set too)
 * @param retrievalScoreKey the metadata key the retriever's score (a document's score before reranking, when it had
 *     one) is kept under
 */
public record DocumentRerankOptions(int topN, double minScore, String scoreKey, String retrievalScoreKey) {
    /** The default metadata key of the rerank score. */
    public static final String RERANK_SCORE = "rerank_score";

    /** The default metadata key of the retriever's score. */
    public static final String RETRIEVAL_SCORE = "retrieval_score";

    public DocumentRerankOptions {
        Objects.requireNonNull(scoreKey, "scoreKey");
        Objects.requireNonNull(retrievalScoreKey, "retrievalScoreKey");
        if (topN < 0) {
            throw new IllegalArgumentException("topN must be >= 0 (0 = keep all), got " + topN);
        }
        if (Double.isNaN(minScore)) {
            throw new IllegalArgumentException("minScore must be a number (-Infinity = keep all), got NaN");
        }
        if (scoreKey.isBlank() || retrievalScoreKey.isBlank()) {
            throw new IllegalArgumentException("scoreKey and retrievalScoreKey must not be blank, got \"" + scoreKey
                    + "\" and \"" + retrievalScoreKey + "\"");
        }
        if (scoreKey.equals(retrievalScoreKey)) {
            throw new IllegalArgumentException(
                    "scoreKey and retrievalScoreKey must differ, both are \"" + scoreKey + "\"");
        }
    }

    /** Keeps every document, reordered; the score goes to {@code rerank_score}. */
    public static DocumentRerankOptions defaults() {
        return new DocumentRerankOptions(0, Double.NEGATIVE_INFINITY, RERANK_SCORE, RETRIEVAL_SCORE);
    }

    /** Keeps at most {@code n} documents (0 = all). */
    public DocumentRerankOptions withTopN(int n) {
        return new DocumentRerankOptions(n, minScore, scoreKey, retrievalScoreKey);
    }

    /** Drops documents scoring below {@code min}. */
    public DocumentRerankOptions withMinScore(double min) {
        return new DocumentRerankOptions(topN, min, scoreKey, retrievalScoreKey);
    }

    /** Writes the rerank score under {@code key}. */
    public DocumentRerankOptions withScoreKey(String key) {
        return new DocumentRerankOptions(topN, minScore, key, retrievalScoreKey);
    }
}
