package dev.rerank4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rerank4j.Activation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Losses by name: sentence-transformers' defaults and config keys, round trips through {@code toMap}, errors. */
class LossConfigsTest {
    @Test
    void everyLossParsesByNameWithSentenceTransformersDefaults() {
        assertThat(LossConfigs.NAMES)
                .containsExactlyInAnyOrder(
                        "BinaryCrossEntropyLoss",
                        "CrossEntropyLoss",
                        "MSELoss",
                        "MarginMSELoss",
                        "MultipleNegativesRankingLoss",
                        "CachedMultipleNegativesRankingLoss",
                        "ListNetLoss",
                        "ListMLELoss",
                        "PListMLELoss",
                        "LambdaLoss",
                        "RankNetLoss",
                        "ADRMSELoss");
        assertThat(LossConfigs.parse("MultipleNegativesRankingLoss"))
                .isEqualTo(new MultipleNegativesRankingLoss(4, 10.0, Activation.SIGMOID));
        assertThat(LossConfigs.parse("CachedMultipleNegativesRankingLoss"))
                .isEqualTo(new CachedMultipleNegativesRankingLoss(4, 10.0, Activation.SIGMOID, 32));
        assertThat(LossConfigs.parse("LambdaLoss"))
                .isEqualTo(new LambdaLoss(
                        new WeightingScheme.NDCGLoss2PPScheme(10.0),
                        1.0,
                        1e-10,
                        ReductionLog.BINARY,
                        Activation.IDENTITY));
        assertThat(LossConfigs.parse("ListMLELoss")).isEqualTo(new ListMLELoss());
        assertThat(((ListMLELoss) LossConfigs.parse("ListMLELoss")).targetOrder())
                .isEqualTo(TargetOrder.INPUT_ORDER);
        assertThat(((PListMLELoss) LossConfigs.parse("PListMLELoss")).lambdaWeight())
                .isPresent();
        assertThat(LossConfigs.parse("ADRMSELoss")).isEqualTo(new ADRMSELoss(1.0, Activation.IDENTITY));
        assertThat(LossConfigs.parse("RankNetLoss")).isEqualTo(new RankNetLoss());
        assertThat(LossConfigs.parse("ListNetLoss")).isEqualTo(new ListNetLoss());
        assertThat(LossConfigs.parse("MarginMSELoss")).isEqualTo(new MarginMSELoss(Activation.IDENTITY));
    }

    @Test
    void configDictsUseSentenceTransformersKeysAndValues() {
        assertThat(new LambdaLoss().configDict())
                .containsExactly(
                        Map.entry(
                                "weighting_scheme",
                                "sentence_transformers.cross_encoder.losses.lambda_loss.NDCGLoss2PPScheme"),
                        Map.entry("mu", 10.0),
                        entry("k", null),
                        Map.entry("sigma", 1.0),
                        Map.entry("eps", 1e-10),
                        Map.entry("reduction_log", "binary"),
                        Map.entry("activation_fn", "torch.nn.modules.linear.Identity"),
                        entry("mini_batch_size", null));
        assertThat(new RankNetLoss().configDict().keySet())
                .containsExactly("k", "sigma", "eps", "reduction_log", "activation_fn", "mini_batch_size");
        assertThat(new MultipleNegativesRankingLoss().configDict())
                .containsExactly(
                        Map.entry("scale", 10.0),
                        Map.entry("num_negatives", 4),
                        Map.entry("activation_fn", "torch.nn.modules.activation.Sigmoid"));
        assertThat(new CachedMultipleNegativesRankingLoss().configDict().keySet())
                .containsExactly("scale", "num_negatives", "activation_fn", "mini_batch_size");
        assertThat(new PListMLELoss().configDict())
                .containsEntry("lambda_weight", PListMLELambdaWeight.FULL_NAME)
                .containsEntry("respect_input_order", true);
        assertThat(new ListMLELoss().configDict().keySet())
                .containsExactly("activation_fn", "mini_batch_size", "respect_input_order");
        assertThat(new ADRMSELoss().configDict().keySet()).containsExactly("alpha", "activation_fn", "mini_batch_size");
        assertThat(new ListNetLoss().configDict().keySet()).containsExactly("activation_fn", "mini_batch_size");
        assertThat(new MarginMSELoss().configDict().keySet()).containsExactly("activation_fn");
    }

    @Test
    void everyLossReadsBackFromItsMap() {
        List<LossConfig> losses = List.of(
                new MarginMSELoss(Activation.SIGMOID),
                new MultipleNegativesRankingLoss(1, 20.0, Activation.TANH).withoutNumNegatives(),
                new CachedMultipleNegativesRankingLoss(7, 5.0, Activation.IDENTITY, 16),
                new ListNetLoss(Activation.SIGMOID, 0),
                new ListMLELoss(Activation.IDENTITY, 8, TargetOrder.BY_LABEL),
                new PListMLELoss().withTargetOrder(TargetOrder.BY_LABEL).withoutLambdaWeight(),
                new PListMLELoss(),
                new LambdaLoss()
                        .withWeightingScheme(new WeightingScheme.NDCGLoss2PPScheme(3.5))
                        .withK(10),
                new LambdaLoss(
                                new WeightingScheme.NDCGLoss1Scheme(),
                                2.0,
                                1e-8,
                                ReductionLog.NATURAL,
                                Activation.SIGMOID)
                        .withMiniBatchSize(4),
                new LambdaLoss().withWeightingScheme(new WeightingScheme.NoWeightingScheme()),
                new LambdaLoss().withWeightingScheme(new WeightingScheme.NDCGLoss2Scheme()),
                new LambdaLoss().withWeightingScheme(new WeightingScheme.LambdaRankScheme()),
                new RankNetLoss(0.5, 1e-10, ReductionLog.NATURAL, Activation.IDENTITY).withK(5),
                new ADRMSELoss(0.25, Activation.TANH, 12));
        for (LossConfig loss : losses) {
            Map<String, Object> map = LossConfigs.toMap(loss);
            LossConfig back = LossConfigs.parse(map);
            if (loss instanceof PListMLELoss p && p.lambdaWeight().isPresent()) {
                // the default discount is a constant; equality of the weights' discount functions is by identity
                assertThat(back.configDict()).isEqualTo(loss.configDict());
            } else {
                assertThat(back).as("%s", map).isEqualTo(loss);
            }
        }
    }

    @Test
    void unsetSettingsAreEmptyOptionalsAndWrittenAsNone() {
        assertThat(new LambdaLoss().withK(3).withMiniBatchSize(8).withoutK().withoutMiniBatchSize())
                .isEqualTo(new LambdaLoss())
                .hasSameHashCodeAs(new LambdaLoss());
        assertThat(new RankNetLoss().withK(3).k()).hasValue(3);
        assertThat(new RankNetLoss().withK(3).withoutK().k()).isEmpty();
        assertThat(new ListNetLoss(Activation.IDENTITY, 16).withoutMiniBatchSize())
                .isEqualTo(new ListNetLoss());
        assertThat(new ListMLELoss().withMiniBatchSize(0).miniBatchSize()).hasValue(0);
        assertThat(new ADRMSELoss().withMiniBatchSize(4).withoutMiniBatchSize()).isEqualTo(new ADRMSELoss());
        assertThat(new PListMLELoss().withMiniBatchSize(4).withoutMiniBatchSize())
                .isEqualTo(new PListMLELoss());
        assertThat(new MultipleNegativesRankingLoss().withoutNumNegatives().numNegatives())
                .isEmpty();
        assertThat(new CachedMultipleNegativesRankingLoss()
                        .withoutNumNegatives()
                        .withNumNegatives(4))
                .isEqualTo(new CachedMultipleNegativesRankingLoss());
        assertThat(new LambdaLoss().configDict()).containsEntry("k", null).containsEntry("mini_batch_size", null);
        assertThat(new MultipleNegativesRankingLoss().withoutNumNegatives().configDict())
                .containsEntry("num_negatives", null);
        assertThat(new RankNetLoss().withK(5).toString()).contains("k=OptionalInt[5]");
        assertThatThrownBy(() -> new MultipleNegativesRankingLoss().withNumNegatives(0))
                .hasMessageContaining("num_negatives must be >= 1");
    }

    @Test
    void aConfigFileSetsTheWeightingSchemeByNameWithOrWithoutMu() {
        assertThat(parse("name", "LambdaLoss", "weighting_scheme", "NDCGLoss2Scheme", "k", 10))
                .isEqualTo(new LambdaLoss()
                        .withWeightingScheme(new WeightingScheme.NDCGLoss2Scheme())
                        .withK(10));
        assertThat(((LambdaLoss) parse("name", "LambdaLoss", "weighting_scheme", "NDCGLoss2PPScheme", "mu", 5))
                        .weightingScheme())
                .isEqualTo(new WeightingScheme.NDCGLoss2PPScheme(5));
        assertThat(((LambdaLoss) parse(
                                "name", "LambdaLoss", "weighting_scheme", Map.of("name", "NDCGLoss2PPScheme", "mu", 2)))
                        .weightingScheme())
                .isEqualTo(new WeightingScheme.NDCGLoss2PPScheme(2));
        assertThat(((LambdaLoss) parse(
                                "name",
                                "sentence_transformers.cross_encoder.losses.LambdaLoss",
                                "weighting_scheme",
                                "sentence_transformers.cross_encoder.losses.lambda_loss.LambdaRankScheme",
                                "reduction_log",
                                "natural"))
                        .reductionLog())
                .isEqualTo(ReductionLog.NATURAL);
        assertThat(((PListMLELoss) parse("name", "PListMLELoss", "lambda_weight", null, "respect_input_order", false)))
                .isEqualTo(new PListMLELoss().withoutLambdaWeight().withTargetOrder(TargetOrder.BY_LABEL));
        assertThat(((MultipleNegativesRankingLoss) parse("name", "MultipleNegativesRankingLoss", "num_negatives", null))
                        .numNegatives())
                .isEmpty();
    }

    @Test
    void badParametersAreNamedWithTheAllowedValues() {
        assertThatThrownBy(() -> parse("name", "LambdaLoss", "weighting", "NDCGLoss2Scheme"))
                .hasMessage(
                        "unknown parameter \"weighting\" for loss LambdaLoss; its parameters: activation_fn, eps, k,"
                                + " mini_batch_size, mu, reduction_log, sigma, weighting_scheme");
        assertThatThrownBy(() -> parse("name", "LambdaLoss", "weighting_scheme", "NDCG2"))
                .hasMessageContaining("weighting_scheme must be one of NoWeightingScheme, NDCGLoss1Scheme,"
                        + " NDCGLoss2Scheme, LambdaRankScheme, NDCGLoss2PPScheme, got \"NDCG2\"");
        assertThatThrownBy(() -> parse("name", "LambdaLoss", "weighting_scheme", "NDCGLoss1Scheme", "mu", 3))
                .hasMessage("mu is a parameter of NDCGLoss2PPScheme only, not of NDCGLoss1Scheme");
        assertThatThrownBy(() -> parse("name", "LambdaLoss", "reduction_log", "log10"))
                .hasMessage("LambdaLoss.reduction_log must be \"binary\" or \"natural\", got \"log10\"");
        assertThatThrownBy(() -> parse("name", "RankNetLoss", "k", 0))
                .hasMessage("k must be >= 1 (or None for every document), got 0");
        assertThatThrownBy(() -> parse("name", "RankNetLoss", "k", 2.5))
                .hasMessage("RankNetLoss.k must be an integer, got 2.5");
        assertThatThrownBy(() -> parse("name", "CachedMultipleNegativesRankingLoss", "mini_batch_size", 0))
                .hasMessage("mini_batch_size must be >= 1, got 0");
        assertThatThrownBy(() -> parse("name", "MultipleNegativesRankingLoss", "num_negatives", 0))
                .hasMessage("num_negatives must be >= 1 (or None for all in-batch negatives), got 0");
        assertThatThrownBy(() -> parse("name", "ListMLELoss", "respect_input_order", "maybe"))
                .hasMessage("ListMLELoss.respect_input_order must be true or false, got \"maybe\"");
        assertThatThrownBy(() -> parse("name", "PListMLELoss", "lambda_weight", "Linear"))
                .hasMessageContaining("lambda_weight must be PListMLELambdaWeight or null");
        assertThatThrownBy(() -> parse("name", "ListNet"))
                .hasMessageStartingWith(
                        "unknown loss \"ListNet\" (did you mean ListNetLoss?); known losses: BinaryCrossEntropyLoss,");
    }

    @Test
    void layoutsAndRowsAreCheckedWithActionableMessages() {
        assertThat(new MultipleNegativesRankingLoss().checkLayout(2, true))
                .hasValueSatisfying(
                        m -> assertThat(m).contains("reads no label").contains("remove the label column"));
        assertThat(new MultipleNegativesRankingLoss().checkLayout(3, false)).isEmpty();
        assertThat(new MarginMSELoss().checkLayout(2, true))
                .hasValueSatisfying(m -> assertThat(m).contains("at least 3 input columns"));
        assertThat(new LambdaLoss().checkLayout(2, false))
                .hasValueSatisfying(m -> assertThat(m).contains("one label per document"));
        LambdaLoss lambda = new LambdaLoss();
        assertThat(lambda.checkRow(row(List.of("q", List.of("a", "b")), List.of(1, 0))))
                .isEmpty();
        assertThat(lambda.checkRow(row(List.of("q", List.of("a", "b")), List.of(1))))
                .hasValue("the label must be a list of 2 numbers (one per document), got [1] (a list)");
        assertThat(lambda.checkRow(row(List.of("q", List.of()), List.of())))
                .hasValueSatisfying(m -> assertThat(m).startsWith("input 2 must be a non-empty list"));
        assertThat(lambda.checkRow(row(List.of("q", List.of("a")), List.of("x"))))
                .hasValueSatisfying(m -> assertThat(m).startsWith("label 0 must be a finite number"));
        MarginMSELoss margin = new MarginMSELoss();
        assertThat(margin.checkRow(row(List.of("q", "p", "n"), 1.5))).isEmpty();
        assertThat(margin.checkRow(row(List.of("q", "p", "n"), List.of(3.0, 1.5))))
                .isEmpty();
        assertThat(margin.checkRow(row(List.of("q", "p", "n1", "n2"), 1.5)))
                .hasValue("the label must be a list of 2 margins or of 3 scores (positive first), got 1.5 (a double)");
    }

    @Test
    void marginLabelsAreMarginsOrTeacherScores() {
        Batch b = new Batch(
                "t",
                List.of(List.of("q0", "q1", "q2"), List.of("p0", "p1", "p2"), List.of("n0", "n1", "n2")),
                List.of(2.0, List.of(1.5), List.of(3.0, 0.5)));
        assertThat(MarginMSELoss.margins(b)).isEqualTo(new double[][] {{2.0}, {1.5}, {2.5}});
    }

    private static Batch row(List<Object> inputs, Object label) {
        return new Batch("t", inputs.stream().map(v -> List.of(v)).toList(), List.of(label));
    }

    private static LossConfig parse(Object... keyValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return LossConfigs.parse(m);
    }

    private static Map.Entry<String, Object> entry(String k, Object v) {
        Map<String, Object> m = new HashMap<>();
        m.put(k, v);
        return m.entrySet().iterator().next();
    }
}
