package dev.rerank4j.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON report of an {@link EvaluationResult}:
 *
 * <pre>{@code
 * {
 *   "name": "SciFact_R100", "primary_metric": "SciFact_R100_ndcg@10", "primary_value": 0.71,
 *   "metrics": {"SciFact_R100_map": 0.66, ...},
 *   "groups": ["SciFact_R100"],
 *   "provenance": {"rerank_k": "100", ...},
 *   "per_query": [{"group": "SciFact_R100", "query_id": "1", "metrics": {"mrr@10": 1.0, ...}}, ...]
 * }
 * }</pre>
 *
 * Non-finite values are written as {@code null} (JSON has no NaN) and read back as NaN.
 */
public final class ResultJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultJson() {}

    /** Pretty-printed JSON for {@code result}. */
    public static String write(EvaluationResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", result.name());
        root.put("primary_metric", result.primaryMetric());
        putNumber(root, "primary_value", result.primaryValue());
        root.set("metrics", numbers(result.metrics()));
        ArrayNode groups = root.putArray("groups");
        result.groups().forEach(groups::add);
        ObjectNode provenance = root.putObject("provenance");
        result.provenance().forEach(provenance::put);
        ArrayNode perQuery = root.putArray("per_query");
        for (QueryMetrics query : result.perQuery()) {
            ObjectNode node = perQuery.addObject();
            node.put("group", query.group());
            node.put("query_id", query.queryId());
            node.set("metrics", numbers(query.values()));
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("serializing an evaluation result failed", e);
        }
    }

    /** Reads a report written by {@link #write}. */
    public static EvaluationResult read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an evaluation report: " + e.getOriginalMessage(), e);
        }
        List<String> groups = new ArrayList<>();
        root.path("groups").forEach(node -> groups.add(node.asText()));
        Map<String, String> provenance = new LinkedHashMap<>();
        root.path("provenance")
                .properties()
                .forEach(e -> provenance.put(e.getKey(), e.getValue().asText()));
        List<QueryMetrics> perQuery = new ArrayList<>();
        for (JsonNode node : root.path("per_query")) {
            perQuery.add(new QueryMetrics(
                    node.path("group").asText(), node.path("query_id").asText(), numbers(node.path("metrics"))));
        }
        return new EvaluationResult(
                root.path("name").asText(),
                numbers(root.path("metrics")),
                root.path("primary_metric").asText(),
                groups,
                perQuery,
                provenance);
    }

    private static ObjectNode numbers(Map<String, Double> values) {
        ObjectNode node = JSON.createObjectNode();
        values.forEach((key, value) -> putNumber(node, key, value));
        return node;
    }

    private static Map<String, Double> numbers(JsonNode node) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            values.put(
                    entry.getKey(),
                    entry.getValue().isNumber() ? entry.getValue().asDouble() : Double.NaN);
        }
        return values;
    }

    private static void putNumber(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }
}
