package dev.rerank4j.model.nn;

/**
 * One padded batch as an {@link Ops} implementation sees it, each [batch, seq] int64.
 *
 * @param inputIds token ids, padded with the pad id
 * @param tokenTypeIds segment ids; zeros for models without token types
 * @param attentionMask 1 for real tokens, 0 for padding
 * @param <T> the tensor type of the {@link Ops}
 */
public record TokenInputs<T>(T inputIds, T tokenTypeIds, T attentionMask) {
    public TokenInputs {
        if (inputIds == null || tokenTypeIds == null || attentionMask == null) {
            throw new IllegalArgumentException("inputIds, tokenTypeIds and attentionMask must not be null");
        }
    }
}
