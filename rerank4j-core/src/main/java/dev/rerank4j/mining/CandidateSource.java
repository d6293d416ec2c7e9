package dev.rerank4j.mining;

import dev.rerank4j.retrieval.Neighbours;
import java.util.List;

/**
 * Where candidate negatives come from: {@link DenseCandidates} (an embedding model with exact or HNSW search) or
 * {@link LexicalCandidates} (Lucene BM25).
 *
 * <p>Deliberately open rather than sealed: first-stage retrievers are an open set (a search service, precomputed
 * runs), and any source that ranks documents and scores positives on the same scale can feed the miner.
 */
public interface CandidateSource {
    /**
     * Retrieves the {@code k} best documents of every query and scores each query's positives the same way.
     *
     * @param queries the unique anchors
     * @param corpus the unique documents (positives included)
     * @param positives for each query, the corpus indices of its positives
     * @param k documents per query
     * @param batchSize texts per forward pass
     */
    Retrieved retrieve(List<String> queries, List<String> corpus, List<int[]> positives, int k, int batchSize);

    /** A short description for reports, e.g. {@code dense sentence-transformers/all-MiniLM-L6-v2, exact}. */
    String describe();

    /**
     * What retrieval found.
     *
     * @param neighbours the top-k documents per query, padded with -1/-inf
     * @param positiveScores for each query, the scores of its positives, aligned with the positives given
     * @param timings where the time went
     */
    record Retrieved(Neighbours neighbours, List<float[]> positiveScores, RetrievalTimings timings) {
        public Retrieved {
            positiveScores = List.copyOf(positiveScores);
        }
    }

    /**
     * Time and cache use of a retrieval.
     *
     * @param encodeSeconds time spent encoding (or indexing, for BM25)
     * @param searchSeconds time spent searching
     * @param textsEncoded texts run through the model (0 when every embedding came from the cache)
     * @param cacheHits embedding matrices read from the cache (0, 1 or 2)
     */
    record RetrievalTimings(double encodeSeconds, double searchSeconds, int textsEncoded, int cacheHits) {}
}
