package dev.rerank4j.eval;

import dev.rerank4j.PairScorer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * sentence-transformers' {@code SequentialEvaluator}: runs several evaluators in order, merges their metrics and
 * adds {@code sequential_score}, the last evaluator's primary metric, as the primary metric. Unlike the reference,
 * a key produced by two evaluators is an error rather than silently overwritten: give them distinct names.
 */
public final class SequentialEvaluator implements Evaluator {
    /** The key of the combined score. */
    public static final String SEQUENTIAL_SCORE = "sequential_score";

    private final List<Evaluator> evaluators;

    private SequentialEvaluator(List<Evaluator> evaluators) {
        this.evaluators = List.copyOf(evaluators);
        if (this.evaluators.isEmpty()) {
            throw new IllegalArgumentException("a sequential evaluator needs at least one evaluator");
        }
    }

    public static SequentialEvaluator of(List<? extends Evaluator> evaluators) {
        return new SequentialEvaluator(List.copyOf(evaluators));
    }

    public static SequentialEvaluator of(Evaluator... evaluators) {
        return new SequentialEvaluator(List.of(evaluators));
    }

    @Override
    public String name() {
        return "";
    }

    public List<Evaluator> evaluators() {
        return evaluators;
    }

    @Override
    public EvaluationResult evaluate(PairScorer scorer, EvaluationContext context) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        List<String> groups = new ArrayList<>();
        List<QueryMetrics> perQuery = new ArrayList<>();
        Map<String, String> provenance = new LinkedHashMap<>();
        double last = Double.NaN;
        for (int i = 0; i < evaluators.size(); i++) {
            EvaluationResult result = evaluators.get(i).evaluate(scorer, context);
            for (Map.Entry<String, Double> entry : result.metrics().entrySet()) {
                if (metrics.put(entry.getKey(), entry.getValue()) != null
                        || entry.getKey().equals(SEQUENTIAL_SCORE)) {
                    throw new IllegalStateException("metric \"" + entry.getKey() + "\" is produced twice (evaluator "
                            + i + " named \"" + result.name() + "\"); give the evaluators distinct names");
                }
            }
            groups.addAll(result.groups());
            perQuery.addAll(result.perQuery());
            String tag = "evaluator[" + i + "]" + (result.name().isEmpty() ? "" : "(" + result.name() + ")") + ".";
            result.provenance().forEach((key, value) -> provenance.put(tag + key, value));
            last = result.primaryValue();
        }
        metrics.put(SEQUENTIAL_SCORE, last);
        return new EvaluationResult("", metrics, SEQUENTIAL_SCORE, groups, perQuery, provenance);
    }
}
