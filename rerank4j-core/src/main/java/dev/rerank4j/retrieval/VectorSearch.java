package dev.rerank4j.retrieval;

import dev.rerank4j.embed.Embeddings;

/**
 * Maximum-inner-product search over a fixed corpus of embeddings (cosine similarity when the vectors have unit
 * length): {@link ExactVectorSearch} computes every score, chunk by chunk; {@link HnswVectorSearch} walks a Lucene HNSW
 * graph and rescores the documents it finds exactly.
 */
public sealed interface VectorSearch extends AutoCloseable permits ExactVectorSearch, HnswVectorSearch {
    /**
     * The {@code k} best documents of each query, best first (score descending, then document index ascending).
     * Queries with fewer than {@code k} documents are padded with index -1 and score -inf.
     *
     * @param queries one row per query, of the corpus's dimension
     * @param k documents per query, at least 1
     */
    Neighbours search(Embeddings queries, int k);

    /** Number of documents searched. */
    int size();

    @Override
    default void close() {}
}
