package dev.rerank4j.retrieval;

import java.util.Objects;

/**
 * One query of a retrieval benchmark.
 *
 * @param id the query id as used by the qrels
 * @param text the query text
 */
public record RetrievalQuery(String id, String text) {
    public RetrievalQuery {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(text, "text must not be null");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("id must not be empty");
        }
    }
}
