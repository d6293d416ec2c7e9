package dev.rerank4j.report;

import java.util.Map;
import java.util.Objects;

/**
 * One evaluator's figures: the first stage alone, the model before training and after it. Metric names have no
 * evaluator prefix ({@code ndcg@10}, {@code map}, {@code mrr@10}).
 *
 * @param name the evaluator, e.g. {@code squad-dev (top 30)} or {@code BEIR scifact}
 * @param domain {@code in-domain} or {@code out-of-domain}
 * @param primaryMetric the metric the run selects its best checkpoint by, or the one to highlight
 * @param firstStage the first stage's own figures (empty when it has none)
 * @param before the base model's figures
 * @param after the trained model's figures
 */
public record EvaluationComparison(
        String name,
        String domain,
        String primaryMetric,
        Map<String, Double> firstStage,
        Map<String, Double> before,
        Map<String, Double> after) {

    public EvaluationComparison {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(primaryMetric, "primaryMetric");
        firstStage = Map.copyOf(firstStage);
        before = Map.copyOf(before);
        after = Map.copyOf(after);
    }
}
