package dev.rerank4j;

import java.util.Objects;

/**
 * One (query, document) input of a cross-encoder.
 *
 * @param query the first segment (token type 0)
 * @param document the second segment (token type 1)
 */
public record TextPair(String query, String document) {
    public TextPair {
        Objects.requireNonNull(query, "query must not be null");
        Objects.requireNonNull(document, "document must not be null");
    }
}
