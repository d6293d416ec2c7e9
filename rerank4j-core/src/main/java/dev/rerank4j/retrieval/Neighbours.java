package dev.rerank4j.retrieval;

import java.util.Arrays;

/**
 * The top-k documents of each query, best first: row-major {@code [queries, k]} document indices and scores. A query
 * with fewer than {@code k} documents is padded with index {@code -1} and score {@code -inf} (as
 * sentence-transformers pads its FAISS and exact results).
 *
 * @param queries number of queries
 * @param k columns per query
 * @param ids document indices, {@code -1} for padding
 * @param scores inner products, {@code -inf} for padding
 */
public record Neighbours(int queries, int k, int[] ids, float[] scores) {
    public Neighbours {
        if (queries < 0 || k < 0) {
            throw new IllegalArgumentException("queries and k must be >= 0, got " + queries + " and " + k);
        }
        if (ids.length != (long) queries * k || scores.length != ids.length) {
            throw new IllegalArgumentException("ids and scores must hold queries * k = " + (long) queries * k
                    + " values, got " + ids.length + " and " + scores.length);
        }
    }

    /** The document at rank {@code rank} (0-based) of query {@code query}, or -1. */
    public int id(int query, int rank) {
        return ids[query * k + rank];
    }

    /** The score at rank {@code rank} of query {@code query}, or -inf. */
    public float score(int query, int rank) {
        return scores[query * k + rank];
    }

    /** The document indices of one query, best first (padding included). */
    public int[] idsOf(int query) {
        return Arrays.copyOfRange(ids, query * k, (query + 1) * k);
    }

    /** The scores of one query, best first (padding included). */
    public float[] scoresOf(int query) {
        return Arrays.copyOfRange(scores, query * k, (query + 1) * k);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Neighbours n
                && queries == n.queries
                && k == n.k
                && Arrays.equals(ids, n.ids)
                && Arrays.equals(scores, n.scores);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "Neighbours[" + queries + " queries x " + k + "]";
    }
}
