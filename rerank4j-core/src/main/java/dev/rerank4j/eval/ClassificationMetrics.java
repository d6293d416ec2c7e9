package dev.rerank4j.eval;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * Classification metrics as sentence-transformers computes them: the best-threshold searches of
 * {@code BinaryClassificationEvaluator.find_best_acc_and_threshold} / {@code find_best_f1_and_threshold} (used by
 * {@code CrossEncoderClassificationEvaluator} for one-logit models) and scikit-learn's {@code f1_score} with
 * {@code average="macro" | "micro" | "weighted"} for multi-class predictions.
 */
public final class ClassificationMetrics {
    private ClassificationMetrics() {}

    /** The best accuracy and the threshold halfway between the two scores where it is reached. */
    public record BestAccuracy(double accuracy, double threshold) {}

    /** The best F1, its precision and recall, and its threshold. */
    public record BestF1(double f1, double precision, double recall, double threshold) {}

    /** Macro, micro and weighted F1 over the classes present in the gold labels or the predictions. */
    public record MultiClassF1(double macro, double micro, double weighted) {}

    /**
     * Sorts by score descending (ties keep input order, Python's stable {@code sorted(reverse=True)}), then walks
     * the first n-1 cut points: predicting positive for the first i+1 rows, accuracy = (positives so far +
     * negatives after) / n; the threshold is {@code (score_i + score_{i+1}) / 2} in float32, as numpy computes it on
     * float32 scores. Accuracy 0 and threshold -1 when no cut point improves on 0 (e.g. a single pair).
     */
    public static BestAccuracy bestAccuracy(float[] scores, int[] labels) {
        checkBinary(scores, labels);
        int[] order = descending(scores);
        double best = 0;
        double threshold = -1;
        int positives = 0;
        int remainingNegatives = (int) Arrays.stream(labels).filter(l -> l == 0).count();
        for (int i = 0; i < order.length - 1; i++) {
            if (labels[order[i]] == 1) {
                positives++;
            } else {
                remainingNegatives--;
            }
            double accuracy = (double) (positives + remainingNegatives) / labels.length;
            if (accuracy > best) {
                best = accuracy;
                threshold = (scores[order[i]] + scores[order[i + 1]]) / 2f;
            }
        }
        return new BestAccuracy(best, threshold);
    }

    /** The F1 twin of {@link #bestAccuracy}: F1, precision and recall 0 and threshold 0 when never positive. */
    public static BestF1 bestF1(float[] scores, int[] labels) {
        checkBinary(scores, labels);
        int[] order = descending(scores);
        int totalPositives = Arrays.stream(labels).sum();
        BestF1 best = new BestF1(0, 0, 0, 0);
        int extracted = 0;
        int correct = 0;
        for (int i = 0; i < order.length - 1; i++) {
            extracted++;
            if (labels[order[i]] == 1) {
                correct++;
            }
            if (correct > 0) {
                double precision = (double) correct / extracted;
                double recall = (double) correct / totalPositives;
                double f1 = 2 * precision * recall / (precision + recall);
                if (f1 > best.f1()) {
                    best = new BestF1(f1, precision, recall, (scores[order[i]] + scores[order[i + 1]]) / 2f);
                }
            }
        }
        return best;
    }

    /**
     * scikit-learn {@code f1_score} for single-label multi-class predictions: per class {@code 2 tp / (2 tp + fp +
     * fn)} (0 when undefined), over the sorted union of gold and predicted classes; macro = plain mean, weighted =
     * mean weighted by gold support, micro = global counts (equal to accuracy).
     */
    public static MultiClassF1 multiClassF1(int[] gold, int[] predicted) {
        if (gold.length != predicted.length || gold.length == 0) {
            throw new IllegalArgumentException("gold and predicted must be non-empty and of equal length, got "
                    + gold.length + " and " + predicted.length);
        }
        TreeSet<Integer> classes = new TreeSet<>();
        Arrays.stream(gold).forEach(classes::add);
        Arrays.stream(predicted).forEach(classes::add);
        double macro = 0;
        double weighted = 0;
        long tpAll = 0;
        long fpAll = 0;
        long fnAll = 0;
        for (int c : classes) {
            long tp = 0;
            long fp = 0;
            long fn = 0;
            for (int i = 0; i < gold.length; i++) {
                if (predicted[i] == c && gold[i] == c) {
                    tp++;
                } else if (predicted[i] == c) {
                    fp++;
                } else if (gold[i] == c) {
                    fn++;
                }
            }
            double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
            macro += f1;
            weighted += f1 * (tp + fn);
            tpAll += tp;
            fpAll += fp;
            fnAll += fn;
        }
        double micro = tpAll == 0 ? 0 : 2.0 * tpAll / (2.0 * tpAll + fpAll + fnAll);
        return new MultiClassF1(macro / classes.size(), micro, weighted / gold.length);
    }

    private static int[] descending(float[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(scores[b] + 0f, scores[a] + 0f));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    private static void checkBinary(float[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(
                    "scores and labels must have the same length, got " + scores.length + " and " + labels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("labels[" + i + "] must be 0 or 1, got " + labels[i]);
            }
            if (Float.isNaN(scores[i])) {
                throw new IllegalArgumentException("scores[" + i + "] is NaN");
            }
        }
    }
}
