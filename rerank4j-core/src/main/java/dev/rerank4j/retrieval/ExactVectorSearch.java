package dev.rerank4j.retrieval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.rerank4j.embed.Embeddings;
import dev.rerank4j.model.TorchRuntime;
import java.util.Arrays;
import java.util.Objects;

/**
 * Exact top-k by chunked matrix products: a block of queries times a block of documents at a time (libtorch
 * {@code matmul}), each block's scores folded into a running top-k per query. Memory is bounded by
 * {@code queryChunk * corpusChunk} scores, never queries × corpus (sentence-transformers' chunked path holds
 * {@code faiss_batch_size} queries × the whole corpus).
 */
public final class ExactVectorSearch implements VectorSearch {
    /** Default queries per block. */
    public static final int DEFAULT_QUERY_CHUNK = 1024;
    /** Default documents per block. */
    public static final int DEFAULT_CORPUS_CHUNK = 16_384;

    private final Embeddings corpus;
    private final int queryChunk;
    private final int corpusChunk;

    /**
     * @param corpus the documents, one row each
     * @param queryChunk queries per block, at least 1
     * @param corpusChunk documents per block, at least 1
     */
    public ExactVectorSearch(Embeddings corpus, int queryChunk, int corpusChunk) {
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        if (queryChunk < 1) {
            throw new IllegalArgumentException("queryChunk must be >= 1, got " + queryChunk);
        }
        if (corpusChunk < 1) {
            throw new IllegalArgumentException("corpusChunk must be >= 1, got " + corpusChunk);
        }
        this.queryChunk = queryChunk;
        this.corpusChunk = corpusChunk;
    }

    /** A search with the default block sizes (1,024 queries × 16,384 documents: 64 MB of scores). */
    public ExactVectorSearch(Embeddings corpus) {
        this(corpus, DEFAULT_QUERY_CHUNK, DEFAULT_CORPUS_CHUNK);
    }

    @Override
    public int size() {
        return corpus.rows();
    }

    @Override
    public Neighbours search(Embeddings queries, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (queries.dimension() != corpus.dimension()) {
            throw new IllegalArgumentException(
                    "queries have dimension " + queries.dimension() + " but the corpus has " + corpus.dimension());
        }
        TopK top = new TopK(queries.rows(), k);
        int d = corpus.dimension();
        try (NDManager root = TorchRuntime.engine().newBaseManager()) {
            for (int c0 = 0; c0 < corpus.rows(); c0 += corpusChunk) {
                int c1 = Math.min(corpus.rows(), c0 + corpusChunk);
                try (NDManager block = root.newSubManager()) {
                    NDArray docs = block.create(
                                    Arrays.copyOfRange(corpus.values(), c0 * d, c1 * d), new Shape(c1 - c0, d))
                            .transpose();
                    for (int q0 = 0; q0 < queries.rows(); q0 += queryChunk) {
                        int q1 = Math.min(queries.rows(), q0 + queryChunk);
                        fold(top, block, docs, queries, q0, q1, c0, c1);
                    }
                }
            }
        }
        return top.result();
    }

    private static void fold(
            TopK top, NDManager block, NDArray docsT, Embeddings queries, int q0, int q1, int c0, int c1) {
        int d = queries.dimension();
        int width = c1 - c0;
        float[] scores;
        try (NDScope scope = new NDScope()) {
            NDArray q = block.create(Arrays.copyOfRange(queries.values(), q0 * d, q1 * d), new Shape(q1 - q0, d));
            scores = q.matMul(docsT).toFloatArray();
        }
        for (int qi = q0; qi < q1; qi++) {
            int row = (qi - q0) * width;
            float threshold = top.threshold(qi);
            for (int j = 0; j < width; j++) {
                float s = scores[row + j];
                if (s > threshold || threshold == Float.NEGATIVE_INFINITY) {
                    top.offer(qi, c0 + j, s);
                    threshold = top.threshold(qi);
                }
            }
        }
    }
}
