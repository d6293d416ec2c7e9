package dev.rerank4j.eval;

import dev.rerank4j.PairScorer;
import dev.rerank4j.TextPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * sentence-transformers' {@code CrossEncoderCorrelationEvaluator}: Pearson and Spearman (primary) correlation
 * between the gold scores and a single-label model's scores ({@link Correlations}). Keys {@code pearson},
 * {@code spearman}, prefixed by {@code {name}_}. CSV log: {@code CrossEncoderCorrelationEvaluator_{name}_results.csv}.
 */
public final class CorrelationEvaluator implements Evaluator {
    private final List<TextPair> pairs;
    private final double[] gold;
    private final PairsOptions options;

    private CorrelationEvaluator(List<TextPair> pairs, double[] gold, PairsOptions options) {
        this.pairs = pairs;
        this.gold = gold;
        this.options = options;
    }

    /** @param pairs at least two pairs with their gold similarity */
    public static CorrelationEvaluator of(List<LabeledPair> pairs, PairsOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        if (pairs.size() < 2) {
            throw new IllegalArgumentException("a correlation needs at least 2 pairs, got " + pairs.size());
        }
        List<TextPair> texts = new ArrayList<>(pairs.size());
        double[] gold = new double[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            texts.add(pairs.get(i).toTextPair());
            gold[i] = pairs.get(i).label();
        }
        return new CorrelationEvaluator(List.copyOf(texts), gold, options);
    }

    @Override
    public String name() {
        return options.name();
    }

    @Override
    public EvaluationResult evaluate(PairScorer scorer, EvaluationContext context) {
        float[] scores = PairBatches.scoreSingle(scorer, pairs, options.pairsPerCall());
        double[] predicted = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            predicted[i] = scores[i];
        }
        double pearson = Correlations.pearson(gold, predicted);
        double spearman = Correlations.spearman(gold, predicted);
        String suffix = options.name().isEmpty() ? "" : "_" + options.name();
        CsvLog.append(
                context,
                "CrossEncoderCorrelationEvaluator" + suffix + "_results.csv",
                List.of("epoch", "steps", "Pearson_Correlation", "Spearman_Correlation"),
                pearson,
                spearman);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("pearson", pearson);
        metrics.put("spearman", spearman);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("evaluator", "CrossEncoderCorrelationEvaluator");
        provenance.put("pairs", Integer.toString(pairs.size()));
        return Named.result(options.name(), metrics, "spearman", provenance);
    }
}
