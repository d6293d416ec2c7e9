package dev.rerank4j.tokenize;

import dev.rerank4j.Truncation;
import java.util.Objects;

/**
 * How pairs are encoded.
 *
 * @param maxLength the maximum number of tokens of a pair, special tokens included; at least 8
 * @param truncation how over-long pairs are shortened
 * @param maxQueryLength with {@link Truncation#ONLY_SECOND}, the most tokens a query keeps; at least 1 and at most
 *     half of {@code maxLength}, so that every pair keeps room for its document
 */
public record TokenizerOptions(int maxLength, Truncation truncation, int maxQueryLength) {
    public TokenizerOptions {
        Objects.requireNonNull(truncation, "truncation");
        if (maxLength < 8) {
            throw new IllegalArgumentException("maxLength must be >= 8, got " + maxLength);
        }
        if (maxQueryLength < 1 || maxQueryLength > maxLength / 2) {
            throw new IllegalArgumentException(
                    "maxQueryLength must be in [1, " + maxLength / 2 + "] (half of maxLength), got " + maxQueryLength);
        }
    }

    /** {@code longest_first} truncation at {@code maxLength}, as sentence-transformers does. */
    public static TokenizerOptions longestFirst(int maxLength) {
        return new TokenizerOptions(maxLength, Truncation.LONGEST_FIRST, Math.max(1, maxLength / 2));
    }

    /** Returns a copy with another maximum length (the query cap shrinks to fit if needed). */
    public TokenizerOptions withMaxLength(int length) {
        return new TokenizerOptions(length, truncation, Math.max(1, Math.min(maxQueryLength, length / 2)));
    }

    /** Returns a copy with another truncation strategy. */
    public TokenizerOptions withTruncation(Truncation strategy) {
        return new TokenizerOptions(maxLength, strategy, maxQueryLength);
    }
}
