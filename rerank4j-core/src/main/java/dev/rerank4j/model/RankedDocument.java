package dev.rerank4j.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One document of a ranking.
 *
 * @param corpusId the document's index in the list passed to {@link CrossEncoder#rank}
 * @param score its score (after the activation)
 * @param text the document, when the ranking was asked to return texts
 */
public record RankedDocument(int corpusId, float score, Optional<String> text) {
    public RankedDocument {
        Objects.requireNonNull(text, "text");
        if (corpusId < 0) {
            throw new IllegalArgumentException("corpusId must be >= 0, got " + corpusId);
        }
    }
}
