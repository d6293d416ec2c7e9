package dev.rerank4j.report;

/**
 * Summary statistics of a set of scores (NaN when {@code count} is 0).
 *
 * @param count how many scores
 * @param mean the mean
 * @param std the sample standard deviation
 * @param min the smallest
 * @param q25 the first quartile
 * @param median the median
 * @param q75 the third quartile
 * @param max the largest
 */
public record ScoreSummary(
        int count, double mean, double std, double min, double q25, double median, double q75, double max) {

    public ScoreSummary {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
    }
}
