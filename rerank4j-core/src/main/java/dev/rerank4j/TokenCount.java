package dev.rerank4j;

/**
 * The tokens of one (query, document) pair as a model's tokenizer reads it, special tokens included.
 *
 * @param tokens the tokens the model reads: after truncation to its maximum length
 * @param untruncated the tokens of the whole pair, before truncation ({@code == tokens} when the pair fits)
 */
public record TokenCount(int tokens, int untruncated) {
    public TokenCount {
        if (tokens < 0) {
            throw new IllegalArgumentException("tokens must be >= 0, got " + tokens);
        }
        if (untruncated < tokens) {
            throw new IllegalArgumentException("untruncated must be >= tokens (" + tokens + "), got " + untruncated);
        }
    }

    /** Whether truncation removed tokens. */
    public boolean truncated() {
        return untruncated > tokens;
    }
}
