package dev.rerank4j;

import java.util.Objects;

/**
 * How {@link Reranker#rank} ranks.
 *
 * @param topK how many documents to return; 0 = all
 * @param returnDocuments whether each result carries its text
 * @param predict how the pairs are scored
 */
public record RankOptions(int topK, boolean returnDocuments, PredictOptions predict) {
    public RankOptions {
        Objects.requireNonNull(predict, "predict");
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0 (0 = all), got " + topK);
        }
    }

    /** All documents, without texts, default scoring. */
    public static RankOptions defaults() {
        return new RankOptions(0, false, PredictOptions.defaults());
    }

    public RankOptions withTopK(int k) {
        return new RankOptions(k, returnDocuments, predict);
    }

    public RankOptions withDocuments(boolean on) {
        return new RankOptions(topK, on, predict);
    }

    public RankOptions withPredict(PredictOptions options) {
        return new RankOptions(topK, returnDocuments, options);
    }
}
