/**
 * rerank4j inside Spring AI: {@link dev.rerank4j.springai.Rerank4jDocumentPostProcessor}, a
 * {@code DocumentPostProcessor} over any {@link dev.rerank4j.Reranker} that reorders the documents a
 * {@code RetrievalAugmentationAdvisor} retrieved, in-process, with {@link dev.rerank4j.springai.DocumentRerankOptions}
 * for top-n, a minimum score and the metadata key of the score. A separate module so that rerank4j-core never depends
 * on Spring.
 */
package dev.rerank4j.springai;
