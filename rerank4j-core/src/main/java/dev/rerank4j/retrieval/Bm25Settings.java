package dev.rerank4j.retrieval;

import java.util.Objects;

/**
 * How the BM25 first stage runs.
 *
 * @param params BM25 parameters
 * @param depth how many documents to keep per query (BEIR rerankers use 100)
 * @param selfMatch what to do with a hit whose id equals its query id; dropped hits do not use up the depth
 */
public record Bm25Settings(Bm25Params params, int depth, SelfMatch selfMatch) {
    public Bm25Settings {
        Objects.requireNonNull(params, "params must not be null");
        Objects.requireNonNull(selfMatch, "selfMatch must not be null");
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1, got " + depth);
        }
    }

    /** Anserini's k1/b, top {@code depth}, self-matches dropped. */
    public static Bm25Settings anserini(int depth) {
        return new Bm25Settings(Bm25Params.ANSERINI, depth, SelfMatch.DROP);
    }
}
