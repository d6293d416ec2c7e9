package dev.rerank4j.mining;

import dev.rerank4j.embed.Embeddings;
import dev.rerank4j.retrieval.ExactVectorSearch;
import dev.rerank4j.retrieval.HnswOptions;
import dev.rerank4j.retrieval.HnswVectorSearch;
import dev.rerank4j.retrieval.VectorSearch;
import java.util.Objects;

/** How {@link DenseCandidates} searches the corpus embeddings. */
public sealed interface SearchMethod permits SearchMethod.Exact, SearchMethod.Hnsw {
    /**
     * Every score, by chunked matrix products (what sentence-transformers computes with and without {@code
     * use_faiss}, without its memory blow-up).
     *
     * @param queryChunk queries per block
     * @param corpusChunk documents per block
     */
    record Exact(int queryChunk, int corpusChunk) implements SearchMethod {
        public Exact {
            if (queryChunk < 1 || corpusChunk < 1) {
                throw new IllegalArgumentException(
                        "queryChunk and corpusChunk must be >= 1, got " + queryChunk + " and " + corpusChunk);
            }
        }

        @Override
        public VectorSearch build(Embeddings corpus) {
            return new ExactVectorSearch(corpus, queryChunk, corpusChunk);
        }

        @Override
        public String describe() {
            return "exact";
        }
    }

    /**
     * Approximate search with a Lucene HNSW graph: faster than exact search on large corpora, at a small loss of
     * recall (sentence-transformers' {@code use_faiss} is an exact flat index, on GPUs).
     *
     * @param options the graph settings
     */
    record Hnsw(HnswOptions options) implements SearchMethod {
        public Hnsw {
            Objects.requireNonNull(options, "options");
        }

        @Override
        public VectorSearch build(Embeddings corpus) {
            return HnswVectorSearch.build(corpus, options);
        }

        @Override
        public String describe() {
            return "hnsw (M=" + options.maxConnections() + ", efConstruction=" + options.beamWidth() + ", efSearch="
                    + options.efSearch() + ")";
        }
    }

    /** Exact search with the default block sizes. */
    static SearchMethod exact() {
        return new Exact(ExactVectorSearch.DEFAULT_QUERY_CHUNK, ExactVectorSearch.DEFAULT_CORPUS_CHUNK);
    }

    /** HNSW search with Lucene's default graph settings. */
    static SearchMethod hnsw() {
        return new Hnsw(HnswOptions.defaults());
    }

    /** Builds the search over {@code corpus}; the caller closes it. */
    VectorSearch build(Embeddings corpus);

    /** A short description for reports. */
    String describe();
}
