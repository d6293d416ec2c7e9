package dev.rerank4j.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an evaluator returns: immutable, with metric keys in the order the evaluator produced them.
 *
 * <p>Keys follow sentence-transformers: {@code {name}_{metric}} (just {@code {metric}} for an unnamed evaluator),
 * e.g. {@code gooaq-dev_ndcg@10}, {@code SciFact_R100_base_map}, {@code BEIR_R100_mean_ndcg@10}. Inside a training
 * loop use {@link #withPrefix(String) withPrefix("eval")} for the {@code eval_} keys the trainer logs.
 *
 * @param name the evaluator's name (may be empty)
 * @param metrics key to value, ordered, unmodifiable; a value may be NaN (e.g. a correlation of constant scores)
 * @param primaryMetric the key of the metric to select models by; a key of {@code metrics}
 * @param groups the key prefixes (without the trailing {@code _}) that group metrics into table rows, e.g. one per
 *     dataset; may be empty
 * @param perQuery per-query details where the evaluator has them (ranking evaluators), else empty
 * @param provenance how the result was made: settings, data counts, timings; ordered, unmodifiable
 */
public record EvaluationResult(
        String name,
        Map<String, Double> metrics,
        String primaryMetric,
        List<String> groups,
        List<QueryMetrics> perQuery,
        Map<String, String> provenance) {
    public EvaluationResult {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(primaryMetric, "primaryMetric must not be null");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        groups = List.copyOf(groups);
        perQuery = List.copyOf(perQuery);
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        if (!metrics.containsKey(primaryMetric)) {
            throw new IllegalArgumentException(
                    "primaryMetric \"" + primaryMetric + "\" is not among the metrics " + metrics.keySet());
        }
    }

    /** The value of the primary metric. */
    public double primaryValue() {
        return metrics.get(primaryMetric);
    }

    /** One metric by its full key, failing with the available keys when absent. */
    public double metric(String key) {
        Double value = metrics.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no metric \"" + key + "\"; available: " + metrics.keySet());
        }
        return value;
    }

    /**
     * The same result with every key (and group) prefixed by {@code prefix + "_"}, e.g. {@code withPrefix("eval")}
     * turns {@code gooaq-dev_ndcg@10} into {@code eval_gooaq-dev_ndcg@10} as in sentence-transformers' trainer logs.
     */
    public EvaluationResult withPrefix(String prefix) {
        if (prefix.isEmpty()) {
            return this;
        }
        Map<String, Double> renamed = new LinkedHashMap<>();
        metrics.forEach((key, value) -> renamed.put(prefix + "_" + key, value));
        List<String> newGroups = new ArrayList<>();
        for (String group : groups) {
            newGroups.add(group.isEmpty() ? prefix : prefix + "_" + group);
        }
        List<QueryMetrics> queries = new ArrayList<>();
        for (QueryMetrics query : perQuery) {
            String group = query.group().isEmpty() ? prefix : prefix + "_" + query.group();
            queries.add(new QueryMetrics(group, query.queryId(), query.values()));
        }
        return new EvaluationResult(name, renamed, prefix + "_" + primaryMetric, newGroups, queries, provenance);
    }

    /** The result as a JSON document (see {@link ResultJson} for the layout). */
    public String toJson() {
        return ResultJson.write(this);
    }

    /** Writes {@link #toJson()} to {@code file}, creating parent folders. */
    public void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson());
    }

    /** A plain-text table for a terminal (see {@link ResultTable}). */
    public String toTable() {
        return ResultTable.format(this);
    }

    /**
     * The results of one evaluator per dataset merged as sentence-transformers' NanoBEIR evaluator merges them: every
     * per-dataset metric as it is, then {@code {name}_{metric}}, the mean of each metric over the datasets (np.mean).
     * The primary metric is the mean of the first result's primary metric.
     *
     * @param name the aggregate's name, e.g. {@code NanoBEIR_R100_mean}
     * @param results one result per dataset, each named after its dataset; at least one
     * @param provenance what produced the aggregate
     */
    static EvaluationResult meanOver(String name, List<EvaluationResult> results, Map<String, String> provenance) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException(name + ": no per-dataset results to average");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, Double> sums = new LinkedHashMap<>();
        List<String> groups = new ArrayList<>();
        List<QueryMetrics> perQuery = new ArrayList<>();
        for (EvaluationResult result : results) {
            metrics.putAll(result.metrics());
            result.metrics()
                    .forEach((key, value) ->
                            sums.merge(key.substring(result.name().length() + 1), value, Double::sum));
            groups.add(result.name());
            perQuery.addAll(result.perQuery());
        }
        sums.forEach((metric, sum) -> metrics.put(name + "_" + metric, sum / results.size()));
        groups.add(name);
        String primary =
                results.get(0).primaryMetric().substring(results.get(0).name().length() + 1);
        return new EvaluationResult(name, metrics, name + "_" + primary, groups, perQuery, provenance);
    }
}
