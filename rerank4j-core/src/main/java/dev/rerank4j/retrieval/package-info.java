/**
 * First-stage retrieval: finding the documents nearest to each query.
 *
 * <p>Dense search over {@link dev.rerank4j.embed.Embeddings}: {@link dev.rerank4j.retrieval.VectorSearch} (sealed)
 * with {@link dev.rerank4j.retrieval.ExactVectorSearch} (chunked matrix products and a running top-k per query, memory
 * bounded by the block sizes) and {@link dev.rerank4j.retrieval.HnswVectorSearch} (Lucene 9.12's HNSW graph, Malkov
 * and Yashunin 2018, {@link dev.rerank4j.retrieval.HnswOptions}); results are {@link
 * dev.rerank4j.retrieval.Neighbours}, padded with -1/-inf like sentence-transformers' {@code mine_hard_negatives}.
 * Scores are inner products (cosine for unit-length vectors); HNSW candidates are rescored exactly, so both searches
 * report the same scores for the same documents.
 */
package dev.rerank4j.retrieval;
