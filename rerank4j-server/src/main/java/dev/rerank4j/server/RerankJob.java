package dev.rerank4j.server;

import dev.rerank4j.TruncationSide;
import java.util.List;
import java.util.Objects;

/**
 * One ranking asked for over HTTP, whichever API shape it came in.
 *
 * @param query the query
 * @param documents the documents, in the client's order
 * @param rawScores whether scores are the model's logits (no activation)
 * @param returnDocuments whether each result carries its text
 * @param topN how many results to answer, best first; 0 = all
 * @param truncate whether a pair longer than the model's maximum length is truncated (true) or refused (false)
 * @param side which end of an over-long pair's segments truncation cuts
 */
record RerankJob(
        String query,
        List<String> documents,
        boolean rawScores,
        boolean returnDocuments,
        int topN,
        boolean truncate,
        TruncationSide side) {
    RerankJob {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(side, "side");
        documents = List.copyOf(documents);
        if (topN < 0) {
            throw new IllegalArgumentException("topN must be >= 0 (0 = all), got " + topN);
        }
    }

    /**
     * The order of the answer: document indices by score, best first, ties in input order, cut to {@link #topN}.
     */
    int[] order(float[] scores) {
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Float.compare(scores[b], scores[a]));
        int n = topN > 0 ? Math.min(topN, idx.length) : idx.length;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
