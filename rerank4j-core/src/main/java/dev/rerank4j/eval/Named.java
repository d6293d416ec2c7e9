package dev.rerank4j.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds results whose keys get the evaluator's name as prefix (sentence-transformers' prefix_name_to_metrics). */
final class Named {
    private Named() {}

    static EvaluationResult result(
            String name, Map<String, Double> metrics, String primary, Map<String, String> provenance) {
        String prefix = name.isEmpty() ? "" : name + "_";
        Map<String, Double> prefixed = new LinkedHashMap<>();
        metrics.forEach((key, value) -> prefixed.put(prefix + key, value));
        List<String> groups = name.isEmpty() ? List.of() : List.of(name);
        return new EvaluationResult(name, prefixed, prefix + primary, groups, List.of(), provenance);
    }
}
