package dev.rerank4j.embed;

/** Whether a text is encoded as a query or as a document; decides the default prompt (see {@link Prompts}). */
public enum PromptRole {
    /** {@code encode_query}: the model's {@code "query"} prompt by default. */
    QUERY,
    /** {@code encode_document}: the model's {@code "document"}, {@code "passage"} or {@code "corpus"} prompt. */
    DOCUMENT
}
