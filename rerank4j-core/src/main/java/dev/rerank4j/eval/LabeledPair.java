package dev.rerank4j.eval;

import dev.rerank4j.TextPair;
import java.util.Objects;

/**
 * A text pair with a gold label: a class index for classification, a similarity score for correlation.
 *
 * @param first the first text (query, premise, sentence A)
 * @param second the second text (document, hypothesis, sentence B)
 * @param label the gold label, finite
 */
public record LabeledPair(String first, String second, double label) {
    public LabeledPair {
        Objects.requireNonNull(first, "first must not be null");
        Objects.requireNonNull(second, "second must not be null");
        if (!Double.isFinite(label)) {
            throw new IllegalArgumentException("label must be finite, got " + label);
        }
    }

    /** The model input. */
    public TextPair toTextPair() {
        return new TextPair(first, second);
    }
}
