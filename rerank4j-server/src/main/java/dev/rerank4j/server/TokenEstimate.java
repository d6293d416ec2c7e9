package dev.rerank4j.server;

/**
 * An estimate of the tokens a (query, document) pair takes, for the batch budget and usage reports of a
 * {@link dev.rerank4j.Reranker} that cannot count its tokens ({@link dev.rerank4j.Reranker#countTokens} is empty; a
 * {@code CrossEncoder} counts exactly with its own tokenizer).
 *
 * <p>It errs high for English text and WordPiece/BPE vocabularies: each run of ASCII letters and digits counts one
 * token per 4 characters (rounded up; common English words are one token, long words split), every other visible
 * character (punctuation, a CJK ideograph) one token, plus 3 special tokens ({@code [CLS] q [SEP] d [SEP]}); the
 * result is capped at the model's maximum length, as the model truncates. Erring high keeps a batch within memory.
 */
final class TokenEstimate {
    private static final int SPECIAL_TOKENS = 3;
    private static final int CHARS_PER_TOKEN = 4;

    private TokenEstimate() {}

    /** The estimated tokens of one pair, in [1, maxLength]. */
    static int pair(String query, String document, int maxLength) {
        long n = SPECIAL_TOKENS + (long) pieces(query) + pieces(document);
        return (int) Math.max(1, Math.min(maxLength, n));
    }

    /** The estimated tokens of one text. */
    static int pieces(String text) {
        int n = 0;
        int run = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 128 && Character.isLetterOrDigit(cp)) {
                run++;
                continue;
            }
            n += (run + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
            run = 0;
            if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
                n++;
            }
        }
        return n + (run + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
