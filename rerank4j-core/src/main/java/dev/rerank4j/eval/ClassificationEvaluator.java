package dev.rerank4j.eval;

import dev.rerank4j.PairScorer;
import dev.rerank4j.TextPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * sentence-transformers' {@code CrossEncoderClassificationEvaluator}. The model's output width decides the mode:
 *
 * <ul>
 *   <li>one score per pair (a reranker): labels must be 0/1; keys {@code accuracy}, {@code accuracy_threshold},
 *       {@code f1}, {@code f1_threshold}, {@code precision}, {@code recall} (best-threshold searches, {@link
 *       ClassificationMetrics}) and {@code average_precision} (primary);
 *   <li>several scores per pair: the predicted class is the argmax (first maximum); labels must be class indices
 *       below the width; keys {@code f1_macro} (primary), {@code f1_micro}, {@code f1_weighted}.
 * </ul>
 *
 * Keys are prefixed by {@code {name}_} when the name is not empty. CSV log:
 * {@code CrossEncoderClassificationEvaluator_{name}_results.csv}.
 */
public final class ClassificationEvaluator implements Evaluator {
    private final List<TextPair> pairs;
    private final int[] labels;
    private final PairsOptions options;

    private ClassificationEvaluator(List<TextPair> pairs, int[] labels, PairsOptions options) {
        this.pairs = pairs;
        this.labels = labels;
        this.options = options;
    }

    /**
     * @param pairs the pairs; each label must be an integer {@code >= 0}
     * @throws IllegalArgumentException naming the first pair whose label is not a class index
     */
    public static ClassificationEvaluator of(List<LabeledPair> pairs, PairsOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("a classification evaluator needs at least one pair");
        }
        List<TextPair> texts = new ArrayList<>(pairs.size());
        int[] labels = new int[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            double label = pairs.get(i).label();
            if (label != Math.rint(label) || label < 0 || label > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "pair " + i + ": a class label must be an integer >= 0, got " + label);
            }
            labels[i] = (int) label;
            texts.add(pairs.get(i).toTextPair());
        }
        return new ClassificationEvaluator(List.copyOf(texts), labels, options);
    }

    @Override
    public String name() {
        return options.name();
    }

    @Override
    public EvaluationResult evaluate(PairScorer scorer, EvaluationContext context) {
        float[][] rows = PairBatches.score(scorer, pairs, options.pairsPerCall());
        Map<String, Double> metrics = new LinkedHashMap<>();
        String primary;
        List<String> header;
        if (rows[0].length == 1) {
            float[] scores = new float[rows.length];
            double[] wide = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                scores[i] = rows[i][0];
                wide[i] = rows[i][0];
            }
            ClassificationMetrics.BestAccuracy accuracy = ClassificationMetrics.bestAccuracy(scores, labels);
            ClassificationMetrics.BestF1 f1 = ClassificationMetrics.bestF1(scores, labels);
            metrics.put("accuracy", accuracy.accuracy());
            metrics.put("accuracy_threshold", accuracy.threshold());
            metrics.put("f1", f1.f1());
            metrics.put("f1_threshold", f1.threshold());
            metrics.put("precision", f1.precision());
            metrics.put("recall", f1.recall());
            metrics.put("average_precision", RankingMetrics.averagePrecision(labels, wide));
            primary = "average_precision";
            header = List.of(
                    "epoch",
                    "steps",
                    "Accuracy",
                    "Accuracy_Threshold",
                    "F1",
                    "F1_Threshold",
                    "Precision",
                    "Recall",
                    "Average_Precision");
        } else {
            int[] predicted = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                if (labels[i] >= rows[i].length) {
                    throw new IllegalArgumentException("pair " + i + " has label " + labels[i] + " but the model"
                            + " outputs only " + rows[i].length + " classes");
                }
                predicted[i] = argmax(rows[i]);
            }
            ClassificationMetrics.MultiClassF1 f1 = ClassificationMetrics.multiClassF1(labels, predicted);
            metrics.put("f1_macro", f1.macro());
            metrics.put("f1_micro", f1.micro());
            metrics.put("f1_weighted", f1.weighted());
            primary = "f1_macro";
            header = List.of("epoch", "steps", "Macro_F1", "Micro_F1", "Weighted_F1");
        }
        String suffix = options.name().isEmpty() ? "" : "_" + options.name();
        CsvLog.append(
                context,
                "CrossEncoderClassificationEvaluator" + suffix + "_results.csv",
                header,
                metrics.values().stream().mapToDouble(Double::doubleValue).toArray());
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("evaluator", "CrossEncoderClassificationEvaluator");
        provenance.put("pairs", Integer.toString(pairs.size()));
        provenance.put("num_labels", Integer.toString(rows[0].length));
        return Named.result(options.name(), metrics, primary, provenance);
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best] || (Float.isNaN(row[i]) && !Float.isNaN(row[best]))) {
                best = i;
            }
        }
        return best;
    }
}
