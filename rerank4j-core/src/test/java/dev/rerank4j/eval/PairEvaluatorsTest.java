package dev.rerank4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rerank4j.PairScorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-computed classification and correlation metrics and their evaluators. */
class PairEvaluatorsTest {
    @Test
    void bestAccuracyAndF1ThresholdsFollowTheReferenceSearch() {
        float[] scores = {0.9f, 0.8f, 0.7f, 0.6f};
        int[] labels = {1, 0, 1, 0};
        // cut after 0.9: 1 positive + 2 negatives right = 3/4, threshold (0.9 + 0.8) / 2 in float32
        ClassificationMetrics.BestAccuracy accuracy = ClassificationMetrics.bestAccuracy(scores, labels);
        assertThat(accuracy.accuracy()).isEqualTo(0.75);
        assertThat(accuracy.threshold()).isEqualTo((double) ((0.9f + 0.8f) / 2f));
        // cut after 0.7: precision 2/3, recall 1, F1 0.8
        ClassificationMetrics.BestF1 f1 = ClassificationMetrics.bestF1(scores, labels);
        assertThat(f1.f1()).isCloseTo(0.8, within(1e-15));
        assertThat(f1.precision()).isCloseTo(2 / 3.0, within(1e-15));
        assertThat(f1.recall()).isEqualTo(1.0);
        assertThat(f1.threshold()).isEqualTo((double) ((0.7f + 0.6f) / 2f));
    }

    @Test
    void tiedScoresKeepInputOrderInTheThresholdSearch() {
        // Python's sorted(reverse=True) is stable: the negative (listed first) is cut before the tied positive
        float[] scores = {0.5f, 0.5f, 0.1f};
        int[] labels = {0, 1, 0};
        ClassificationMetrics.BestAccuracy accuracy = ClassificationMetrics.bestAccuracy(scores, labels);
        // cut 1 (after the negative): 0 + 1 = 1/3; cut 2: 1 + 1 = 2/3 at threshold (0.5 + 0.1) / 2
        assertThat(accuracy.accuracy()).isCloseTo(2 / 3.0, within(1e-15));
        assertThat(accuracy.threshold()).isEqualTo((double) ((0.5f + 0.1f) / 2f));
        assertThat(ClassificationMetrics.bestAccuracy(new float[] {0.3f}, new int[] {1}))
                .isEqualTo(new ClassificationMetrics.BestAccuracy(0, -1));
    }

    @Test
    void multiClassF1MatchesScikitLearnsDocumentedExample() {
        // sklearn.metrics.f1_score docs: y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1]
        ClassificationMetrics.MultiClassF1 f1 =
                ClassificationMetrics.multiClassF1(new int[] {0, 1, 2, 0, 1, 2}, new int[] {0, 2, 1, 0, 0, 1});
        assertThat(f1.macro()).isCloseTo(0.26666666666666666, within(1e-15));
        assertThat(f1.micro()).isCloseTo(0.3333333333333333, within(1e-15));
        assertThat(f1.weighted()).isCloseTo(0.26666666666666666, within(1e-15));
        // a class only predicted enters the macro mean with F1 0 and weight 0
        ClassificationMetrics.MultiClassF1 extra =
                ClassificationMetrics.multiClassF1(new int[] {0, 0}, new int[] {0, 1});
        assertThat(extra.macro()).isCloseTo((2 / 3.0 + 0) / 2, within(1e-15));
        assertThat(extra.weighted()).isCloseTo(2 / 3.0, within(1e-15));
    }

    @Test
    void correlationsUseAverageRanksForTies() {
        double[] x = {1, 2, 3, 4};
        double[] y = {1, 3, 2, 4};
        assertThat(Correlations.pearson(x, y)).isCloseTo(0.8, within(1e-15));
        assertThat(Correlations.spearman(x, y)).isCloseTo(0.8, within(1e-15));
        assertThat(Correlations.averageRanks(new double[] {10, 20, 20, 5})).containsExactly(2, 3.5, 3.5, 1);
        // ranks of y = (1, 2.5, 2.5, 4): r = 4.5 / sqrt(5 * 4.5)
        assertThat(Correlations.spearman(x, new double[] {1, 2, 2, 3}))
                .isCloseTo(4.5 / Math.sqrt(5 * 4.5), within(1e-15));
        assertThat(Correlations.pearson(x, new double[] {2, 2, 2, 2})).isNaN();
    }

    private static PairScorer rows(float[]... rows) {
        return pairs -> {
            assertThat(pairs).hasSize(rows.length);
            return rows;
        };
    }

    private static List<LabeledPair> pairs(double... labels) {
        List<LabeledPair> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            out.add(new LabeledPair("a" + i, "b" + i, labels[i]));
        }
        return out;
    }

    @Test
    void binaryClassificationEvaluatorReportsTheReferenceKeys(@TempDir Path dir) throws IOException {
        EvaluationResult result = ClassificationEvaluator.of(pairs(1, 0, 1, 0), PairsOptions.named("dev"))
                .evaluate(
                        rows(new float[] {0.9f}, new float[] {0.8f}, new float[] {0.7f}, new float[] {0.6f}),
                        EvaluationContext.writingTo(dir));
        assertThat(result.metrics().keySet())
                .containsExactly(
                        "dev_accuracy",
                        "dev_accuracy_threshold",
                        "dev_f1",
                        "dev_f1_threshold",
                        "dev_precision",
                        "dev_recall",
                        "dev_average_precision");
        assertThat(result.primaryMetric()).isEqualTo("dev_average_precision");
        assertThat(result.primaryValue()).isCloseTo(0.5 + 0.5 * 2 / 3.0, within(1e-15));
        assertThat(Files.readAllLines(dir.resolve("CrossEncoderClassificationEvaluator_dev_results.csv"))
                        .get(0))
                .isEqualTo("epoch,steps,Accuracy,Accuracy_Threshold,F1,F1_Threshold,Precision,Recall,"
                        + "Average_Precision");
        assertThatThrownBy(() -> ClassificationEvaluator.of(pairs(1, 0.5), PairsOptions.named("")))
                .hasMessageContaining("pair 1: a class label must be an integer >= 0, got 0.5");
        assertThatThrownBy(() -> ClassificationEvaluator.of(pairs(2, 0), PairsOptions.named(""))
                        .evaluate(rows(new float[] {1}, new float[] {0})))
                .hasMessageContaining("labels[0] must be 0 or 1, got 2");
    }

    @Test
    void multiClassEvaluatorTakesTheArgmax() {
        EvaluationResult result = ClassificationEvaluator.of(pairs(0, 1, 2, 0, 1, 2), PairsOptions.named(""))
                .evaluate(rows(
                        new float[] {3, 1, 2},
                        new float[] {0, 1, 5},
                        new float[] {1, 9, 1},
                        new float[] {2, 2, 1},
                        new float[] {7, 1, 1},
                        new float[] {0, 4, 3}));
        assertThat(result.metrics().keySet()).containsExactly("f1_macro", "f1_micro", "f1_weighted");
        // predictions 0, 2, 1, 0 (first maximum), 0, 1: the scikit-learn example above
        assertThat(result.metric("f1_macro")).isCloseTo(0.26666666666666666, within(1e-15));
        assertThatThrownBy(() -> ClassificationEvaluator.of(pairs(3), PairsOptions.named(""))
                        .evaluate(rows(new float[] {1, 2, 3})))
                .hasMessageContaining("pair 0 has label 3 but the model outputs only 3 classes");
    }

    @Test
    void correlationEvaluatorAndSequentialEvaluatorCombine() {
        CorrelationEvaluator sts = CorrelationEvaluator.of(pairs(1, 2, 3, 4), PairsOptions.named("sts"));
        ClassificationEvaluator cls = ClassificationEvaluator.of(pairs(1, 0, 1, 0), PairsOptions.named("cls"));
        PairScorer scorer = rows(new float[] {0.9f}, new float[] {0.8f}, new float[] {0.7f}, new float[] {0.6f});
        EvaluationResult result = SequentialEvaluator.of(sts, cls).evaluate(scorer);
        assertThat(result.metrics()).containsKeys("sts_pearson", "sts_spearman", "cls_average_precision");
        assertThat(result.metric("sts_spearman")).isCloseTo(-1, within(1e-15));
        assertThat(result.primaryMetric()).isEqualTo("sequential_score");
        assertThat(result.primaryValue()).isEqualTo(result.metric("cls_average_precision"));
        assertThat(result.withPrefix("eval").primaryMetric()).isEqualTo("eval_sequential_score");
        assertThat(result.toTable()).contains("sts").contains("cls").contains("sequential_score");
        assertThatThrownBy(() -> SequentialEvaluator.of(sts, sts).evaluate(scorer))
                .hasMessageContaining("metric \"sts_pearson\" is produced twice");
    }
}
