package dev.rerank4j.model;

import java.util.OptionalInt;

/**
 * sentence-transformers' {@code LogitScore} module: a causal language model read as a reranker scores a pair by the
 * logits of two vocabulary tokens at the last position, {@code logit(true) - logit(false)} (only {@code logit(true)}
 * without a false token). Qwen3-Reranker's are "yes" and "no".
 *
 * @param trueTokenId the id of the token that means relevant, e.g. "yes"
 * @param falseTokenId the id of the token that means not relevant, e.g. "no"; empty for a score of one logit
 */
public record LogitScore(int trueTokenId, OptionalInt falseTokenId) {
    public LogitScore {
        if (trueTokenId < 0) {
            throw new IllegalArgumentException("true_token_id must be >= 0, got " + trueTokenId);
        }
        if (falseTokenId.isPresent() && falseTokenId.getAsInt() < 0) {
            throw new IllegalArgumentException("false_token_id must be >= 0, got " + falseTokenId.getAsInt());
        }
    }

    /** A score of {@code logit(trueTokenId) - logit(falseTokenId)}. */
    public static LogitScore of(int trueTokenId, int falseTokenId) {
        return new LogitScore(trueTokenId, OptionalInt.of(falseTokenId));
    }

    /** The token ids whose logits the score reads: the true token, then the false token if any. */
    public int[] tokenIds() {
        return falseTokenId.isPresent() ? new int[] {trueTokenId, falseTokenId.getAsInt()} : new int[] {trueTokenId};
    }
}
