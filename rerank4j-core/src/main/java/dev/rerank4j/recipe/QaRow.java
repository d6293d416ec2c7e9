package dev.rerank4j.recipe;

import java.util.Objects;

/**
 * One question–answer pair of a recipe's data.
 *
 * @param question the question (the anchor)
 * @param answer the answer text (the positive document), e.g. a context paragraph
 * @param group what the split keeps together, e.g. the article title; the question itself when the data has none
 */
public record QaRow(String question, String answer, String group) {
    public QaRow {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(group, "group");
    }
}
