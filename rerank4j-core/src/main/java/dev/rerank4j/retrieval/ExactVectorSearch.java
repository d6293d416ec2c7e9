package dev.rerank4j.retrieval;

import dev.rerank4j.embed.Embeddings;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Exact top-k by blocked matrix products in plain Java: a chunk of documents is transposed once into tiles of
 * {@value #TILE} documents, then each group of {@value #QUERY_GROUP} queries is multiplied with each tile (an
 * {@code axpy} over the tile that the JIT vectorises, four query rows sharing every load of the tile) and the
 * scores are folded into a running top-k per query, documents in increasing index order (so ties keep the lower
 * index). Query chunks run in parallel on the common fork-join pool. Memory is bounded by the transposed chunk and
 * {@code QUERY_GROUP * TILE} scores per thread, never queries × corpus (sentence-transformers' chunked path holds
 * {@code faiss_batch_size} queries × the whole corpus).
 */
public final class ExactVectorSearch implements VectorSearch {
    /** Default queries per block. */
    public static final int DEFAULT_QUERY_CHUNK = 1024;
    /** Default documents per block. */
    public static final int DEFAULT_CORPUS_CHUNK = 16_384;

    /** Documents per transposed tile: a tile row and four score rows stay in the first-level cache. */
    static final int TILE = 256;
    /** Queries multiplied together with one tile. */
    static final int QUERY_GROUP = 4;

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
        int chunks = (queries.rows() + queryChunk - 1) / queryChunk;
        for (int c0 = 0; c0 < corpus.rows(); c0 += corpusChunk) {
            int c1 = Math.min(corpus.rows(), c0 + corpusChunk);
            float[][] tiles = transpose(corpus, c0, c1);
            int from = c0;
            // Each query's documents are still offered in increasing index order: chunks ascend, and a query's
            // tiles ascend within a chunk.
            IntStream.range(0, chunks).parallel().forEach(q -> {
                int q0 = q * queryChunk;
                foldQueries(top, queries, q0, Math.min(queries.rows(), q0 + queryChunk), tiles, from, c1);
            });
        }
        return top.result();
    }

    /** Documents c0..c1 as tiles of {@link #TILE} columns, each [dimension][width] row-major. */
    private static float[][] transpose(Embeddings docs, int c0, int c1) {
        int d = docs.dimension();
        float[] values = docs.values();
        float[][] tiles = new float[(c1 - c0 + TILE - 1) / TILE][];
        for (int t = 0; t < tiles.length; t++) {
            int t0 = c0 + t * TILE;
            int width = Math.min(TILE, c1 - t0);
            float[] tile = new float[d * width];
            for (int j = 0; j < width; j++) {
                int row = (t0 + j) * d;
                for (int i = 0; i < d; i++) {
                    tile[i * width + j] = values[row + i];
                }
            }
            tiles[t] = tile;
        }
        return tiles;
    }

    private static void foldQueries(TopK top, Embeddings queries, int q0, int q1, float[][] tiles, int c0, int c1) {
        int d = queries.dimension();
        float[] q = queries.values();
        float[][] acc = new float[QUERY_GROUP][TILE];
        for (int g = q0; g < q1; g += QUERY_GROUP) {
            int rows = Math.min(QUERY_GROUP, q1 - g);
            for (int t = 0; t < tiles.length; t++) {
                int t0 = c0 + t * TILE;
                int width = Math.min(TILE, c1 - t0);
                multiply(q, g, rows, d, tiles[t], width, acc);
                for (int r = 0; r < rows; r++) {
                    fold(top, g + r, t0, acc[r], width);
                }
            }
        }
    }

    /** acc[r][j] = dot(query g + r, document j of the tile), for r < rows and j < width. */
    private static void multiply(float[] q, int g, int rows, int d, float[] tile, int width, float[][] acc) {
        float[] s0 = acc[0];
        float[] s1 = acc[1];
        float[] s2 = acc[2];
        float[] s3 = acc[3];
        for (float[] s : acc) {
            Arrays.fill(s, 0, width, 0f);
        }
        int b0 = g * d;
        int b1 = rows > 1 ? b0 + d : b0;
        int b2 = rows > 2 ? b0 + 2 * d : b0;
        int b3 = rows > 3 ? b0 + 3 * d : b0;
        for (int i = 0; i < d; i++) {
            float a0 = q[b0 + i];
            float a1 = q[b1 + i];
            float a2 = q[b2 + i];
            float a3 = q[b3 + i];
            int base = i * width;
            for (int j = 0; j < width; j++) {
                float v = tile[base + j];
                s0[j] += a0 * v;
                s1[j] += a1 * v;
                s2[j] += a2 * v;
                s3[j] += a3 * v;
            }
        }
    }

    private static void fold(TopK top, int query, int firstDoc, float[] scores, int width) {
        float threshold = top.threshold(query);
        for (int j = 0; j < width; j++) {
            float s = scores[j];
            if (s > threshold || threshold == Float.NEGATIVE_INFINITY) {
                top.offer(query, firstDoc + j, s);
                threshold = top.threshold(query);
            }
        }
    }
}
