package dev.rerank4j.retrieval;

import java.util.Objects;

/**
 * One document of a retrieval corpus.
 *
 * @param id the corpus id ({@code _id} in BEIR files), unique within its corpus
 * @param title the title, empty when the corpus has none
 * @param text the body text
 */
public record CorpusDocument(String id, String title, String text) {
    public CorpusDocument {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(title, "title must not be null");
        Objects.requireNonNull(text, "text must not be null");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("id must not be empty");
        }
    }

    /**
     * The text that is indexed and shown to a reranker: {@code title + " " + text}, trimmed, as BEIR's reranking
     * code and Anserini's "flat" BEIR indexes build it; just the text when the title is empty.
     */
    public String contents() {
        return title.isEmpty() ? text : (title + " " + text).strip();
    }
}
