package dev.rerank4j.retrieval;

import java.util.Objects;

/**
 * One retrieved document.
 *
 * @param docId the corpus id
 * @param score the first-stage score (BM25), higher is better
 */
public record Hit(String docId, float score) {
    public Hit {
        Objects.requireNonNull(docId, "docId must not be null");
    }
}
