package dev.rerank4j.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The metrics of one query.
 *
 * @param group the metric-key prefix the query belongs to (an evaluator name such as {@code SciFact_R100}; empty for
 *     an unnamed evaluator)
 * @param queryId the query id (the sample's position, as a string, when samples carry no id)
 * @param values metric name to value, e.g. {@code mrr@10}, {@code ndcg@10}, {@code ap}, {@code base_ndcg@10}; in
 *     insertion order, unmodifiable
 */
public record QueryMetrics(String group, String queryId, Map<String, Double> values) {
    public QueryMetrics {
        Objects.requireNonNull(group, "group must not be null");
        Objects.requireNonNull(queryId, "queryId must not be null");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** One value, failing with the available names when absent. */
    public double value(String metric) {
        Double value = values.get(metric);
        if (value == null) {
            throw new IllegalArgumentException(
                    "query " + queryId + " has no metric \"" + metric + "\"; it has " + values.keySet());
        }
        return value;
    }
}
