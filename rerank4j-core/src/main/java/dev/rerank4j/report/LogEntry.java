package dev.rerank4j.report;

import java.util.Map;

/**
 * One training log entry, as a line of {@code metrics.jsonl}: the step, the epoch and the numbers logged then
 * ({@code loss}, {@code learning_rate}, {@code grad_norm}, {@code eval_*} metrics...).
 *
 * @param step the global step
 * @param epoch the fractional epoch
 * @param values the numbers logged, by their trainer names
 */
public record LogEntry(long step, double epoch, Map<String, Double> values) {

    public LogEntry {
        values = Map.copyOf(values);
    }
}
