package dev.rerank4j.mining;

/**
 * How many candidates one filter removed.
 *
 * @param rule {@code absolute_margin}, {@code relative_margin}, {@code max_score} or {@code min_score}
 * @param threshold the filter's setting
 * @param removed candidates it removed (that no earlier rule had removed)
 * @param ratio {@code removed} over the candidates still eligible when the rule ran
 */
public record FilterCount(String rule, double threshold, long removed, double ratio) {}
