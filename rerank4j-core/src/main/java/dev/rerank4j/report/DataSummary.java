package dev.rerank4j.report;

import java.util.Objects;

/**
 * The question–answer data and its split.
 *
 * @param source where the data came from (a path, a hub id or {@code bundled:squad2-dev-half})
 * @param licence the data's licence and attribution, as the report must show it (may be empty when unknown)
 * @param splitBy the group the split keeps together, e.g. {@code article} or {@code query}
 * @param seed the split's seed
 * @param trainQueries distinct training questions
 * @param trainPairs (question, answer) training pairs before mining
 * @param evalQueries distinct evaluation questions
 * @param corpusSize distinct documents (answers / paragraphs) mined from
 */
public record DataSummary(
        String source,
        String licence,
        String splitBy,
        long seed,
        int trainQueries,
        int trainPairs,
        int evalQueries,
        int corpusSize) {

    public DataSummary {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(licence, "licence");
        Objects.requireNonNull(splitBy, "splitBy");
    }
}
