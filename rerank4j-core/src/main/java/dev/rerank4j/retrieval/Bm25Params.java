package dev.rerank4j.retrieval;

/**
 * BM25 parameters, as Lucene's {@code BM25Similarity} takes them.
 *
 * @param k1 term-frequency saturation, finite and {@code >= 0}
 * @param b length normalization, in {@code [0, 1]}
 */
public record Bm25Params(float k1, float b) {
    /** Anserini's defaults, used by its BEIR regressions: {@code k1 = 0.9, b = 0.4}. */
    public static final Bm25Params ANSERINI = new Bm25Params(0.9f, 0.4f);

    public Bm25Params {
        if (!Float.isFinite(k1) || k1 < 0) {
            throw new IllegalArgumentException("k1 must be finite and >= 0, got " + k1);
        }
        if (!(b >= 0 && b <= 1)) {
            throw new IllegalArgumentException("b must be in [0, 1], got " + b);
        }
    }
}
