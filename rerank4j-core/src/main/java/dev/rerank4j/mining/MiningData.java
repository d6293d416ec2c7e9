package dev.rerank4j.mining;

import dev.rerank4j.TextPair;
import java.util.List;
import java.util.Objects;

/**
 * The input of mining: (anchor, positive) pairs, the names of their columns (the output's first two columns), and an
 * optional separate corpus to draw negatives from.
 *
 * @param anchorColumn the anchor column's name, e.g. {@code query}
 * @param positiveColumn the positive column's name, e.g. {@code answer}
 * @param pairs the rows, each {@code (anchor, positive)}; an anchor may repeat with other positives
 * @param corpus extra documents; empty = mine among the positives only. The positives are always part of the corpus
 */
public record MiningData(String anchorColumn, String positiveColumn, List<TextPair> pairs, List<String> corpus) {
    public MiningData {
        Objects.requireNonNull(anchorColumn, "anchorColumn");
        Objects.requireNonNull(positiveColumn, "positiveColumn");
        pairs = List.copyOf(pairs);
        corpus = List.copyOf(corpus);
        if (anchorColumn.isEmpty() || positiveColumn.isEmpty() || anchorColumn.equals(positiveColumn)) {
            throw new IllegalArgumentException("anchorColumn and positiveColumn must be two different non-empty names,"
                    + " got \"" + anchorColumn + "\" and \"" + positiveColumn + "\"");
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("pairs must not be empty: mining needs (anchor, positive) pairs");
        }
    }

    /** Pairs named {@code anchor} and {@code positive}, mined among the positives. */
    public static MiningData of(List<TextPair> pairs) {
        return new MiningData("anchor", "positive", pairs, List.of());
    }

    /**
     * The same pairs mined against a separate corpus.
     *
     * @throws IllegalArgumentException if {@code documents} is empty (omit the corpus to mine among the positives)
     */
    public MiningData withCorpus(List<String> documents) {
        if (documents.isEmpty()) {
            throw new IllegalArgumentException(
                    "the corpus is empty: give at least one document, or none at all to mine among the positives");
        }
        return new MiningData(anchorColumn, positiveColumn, pairs, documents);
    }

    /** The same pairs and corpus under other column names. */
    public MiningData withColumns(String anchor, String positive) {
        return new MiningData(anchor, positive, pairs, corpus);
    }
}
