package dev.rerank4j.report;

import java.util.List;
import java.util.Objects;

/**
 * One mining run's statistics.
 *
 * @param name the mined set, e.g. {@code train} or {@code eval}
 * @param source the candidate source, e.g. {@code dense sentence-transformers/all-MiniLM-L6-v2, exact}
 * @param anchors distinct anchors (questions)
 * @param corpusSize documents searched
 * @param outputRows rows written
 * @param anchorsShort anchors that got fewer negatives than asked
 * @param positive statistics of the positives' first-stage scores
 * @param negative statistics of the kept negatives' first-stage scores
 * @param positiveScores the positives' score distribution
 * @param negativeScores the kept negatives' score distribution, on the same bins as {@code positiveScores}
 * @param filters one line per filter, e.g. {@code absolute margin 0: removed 1,234 candidates}
 */
public record MiningSummary(
        String name,
        String source,
        int anchors,
        int corpusSize,
        int outputRows,
        int anchorsShort,
        ScoreSummary positive,
        ScoreSummary negative,
        Histogram positiveScores,
        Histogram negativeScores,
        List<String> filters) {

    public MiningSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(positive, "positive");
        Objects.requireNonNull(negative, "negative");
        Objects.requireNonNull(positiveScores, "positiveScores");
        Objects.requireNonNull(negativeScores, "negativeScores");
        filters = List.copyOf(filters);
    }
}
