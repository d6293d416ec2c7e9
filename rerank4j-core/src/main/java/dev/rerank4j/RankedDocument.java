package dev.rerank4j;

import java.util.Objects;
import java.util.Optional;

/**
 * One document of a ranking: its index in the ranked list, its score and, when asked for, its text.
 *
 * <p>A value class rather than a record so that the optional text is an {@link Optional} only where it is returned.
 */
public final class RankedDocument {
    private final int corpusId;
    private final float score;
    private final String text;

    private RankedDocument(int corpusId, float score, String text) {
        if (corpusId < 0) {
            throw new IllegalArgumentException("corpusId must be >= 0, got " + corpusId);
        }
        this.corpusId = corpusId;
        this.score = score;
        this.text = text;
    }

    /** A ranked document without its text. */
    public static RankedDocument of(int corpusId, float score) {
        return new RankedDocument(corpusId, score, null);
    }

    /** A ranked document carrying its text. */
    public static RankedDocument withText(int corpusId, float score, String text) {
        return new RankedDocument(corpusId, score, Objects.requireNonNull(text, "text"));
    }

    /** The document's index in the list that was ranked. */
    public int corpusId() {
        return corpusId;
    }

    /** Its score (after the activation). */
    public float score() {
        return score;
    }

    /** The document, when the ranking was asked to return texts. */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RankedDocument r
                && r.corpusId == corpusId
                && Float.compare(r.score, score) == 0
                && Objects.equals(r.text, text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(corpusId, score, text);
    }

    @Override
    public String toString() {
        return "RankedDocument[corpusId=" + corpusId + ", score=" + score + (text == null ? "" : ", text=" + text)
                + "]";
    }
}
