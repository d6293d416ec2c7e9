package dev.rerank4j;

/** How a (query, document) pair longer than the maximum length is shortened. */
public enum Truncation {
    /**
     * Remove tokens from the longer segment until the pair fits, as Hugging Face's {@code longest_first} (the
     * sentence-transformers default).
     */
    LONGEST_FIRST,
    /**
     * Keep the query and cut the document ({@code only_second}). A query longer than the query cap is cut to the cap
     * first, so that an over-long query never fails.
     */
    ONLY_SECOND
}
