package dev.rerank4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rerank4j.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RerankingEvaluatorTest {
    private static final double LOG2_3 = Math.log(3) / Math.log(2);

    private static LookupScorer scorer() {
        return new LookupScorer()
                .put("q1", "p1", 0.2)
                .put("q1", "n1", 0.9)
                .put("q1", "n2", 0.1)
                .put("q2", "p2", 0.7)
                .put("q2", "n3", 0.3);
    }

    private static List<RerankingSample> samples() {
        return List.of(
                RerankingSample.withNegatives("q1", List.of("p1"), List.of("n1", "n2")),
                RerankingSample.withNegatives("q2", List.of("p2"), List.of("n3")),
                RerankingSample.withNegatives("q3", List.of(), List.of("n4", "n5")));
    }

    @Test
    void queriesWithoutPositivesAreNotScoredAndCountAsZero() {
        LookupScorer scorer = scorer();
        EvaluationResult result = RerankingEvaluator.of(
                        samples(), RerankingOptions.defaults().withName("dev"))
                .evaluate(scorer);
        // q1: positive ranked 2nd of 3; q2: 1st; q3: no positive -> 0
        assertThat(result.metrics().keySet()).containsExactly("dev_map", "dev_mrr@10", "dev_ndcg@10");
        assertThat(result.metric("dev_mrr@10")).isCloseTo((0.5 + 1 + 0) / 3, within(1e-15));
        assertThat(result.metric("dev_ndcg@10")).isCloseTo((1 / LOG2_3 + 1 + 0) / 3, within(1e-15));
        assertThat(result.metric("dev_map")).isCloseTo((0.5 + 1 + 0) / 3, within(1e-15));
        assertThat(result.primaryMetric()).isEqualTo("dev_ndcg@10");
        assertThat(result.perQuery()).extracting(QueryMetrics::queryId).containsExactly("0", "1", "2");
        assertThat(result.perQuery().get(2).value("ap")).isZero();
        // one call, q3's pairs never sent (the lookup table would have failed on them)
        assertThat(scorer.callSizes()).containsExactly(5);
    }

    @Test
    void pairsArePooledAcrossQueriesInBoundedCalls() {
        LookupScorer scorer = scorer();
        RerankingEvaluator.of(samples(), RerankingOptions.defaults().withPairsPerCall(2))
                .evaluate(scorer);
        assertThat(scorer.callSizes()).containsExactly(2, 2, 1);
    }

    @Test
    void unnamedEvaluatorHasBareKeysAndEvalPrefixIsAvailable() {
        EvaluationResult result = RerankingEvaluator.of(
                        samples(), RerankingOptions.defaults().withAtK(1))
                .evaluate(scorer());
        assertThat(result.metrics().keySet()).containsExactly("map", "mrr@1", "ndcg@1");
        EvaluationResult training = result.withPrefix("eval");
        assertThat(training.metrics().keySet()).containsExactly("eval_map", "eval_mrr@1", "eval_ndcg@1");
        assertThat(training.primaryMetric()).isEqualTo("eval_ndcg@1");
        assertThat(training.primaryValue()).isEqualTo(result.primaryValue());
    }

    @Test
    void firstStageSamplesReportBaseMetricsAndInjectMissedPositives() {
        // q1's first stage ranks p1 third and misses p2; q2's misses its only positive
        List<RerankingSample> samples = List.of(
                RerankingSample.withDocuments("q1", List.of("p1", "p2"), List.of("n1", "n2", "p1")),
                RerankingSample.withDocuments("q2", List.of("p3"), List.of("n3", "n4")));
        LookupScorer scorer = new LookupScorer()
                .put("q1", "p1", 0.9)
                .put("q1", "p2", 0.8)
                .put("q1", "n1", 0.1)
                .put("q1", "n2", 0.2)
                .put("q2", "p3", 0.5)
                .put("q2", "n3", 0.6)
                .put("q2", "n4", 0.4);
        RerankingEvaluator always = RerankingEvaluator.of(samples, RerankingOptions.defaults());
        assertThat(always.queries().get(0).candidates()).containsExactly("p1", "p2", "n1", "n2");
        assertThat(always.queries().get(0).firstStageGrades().orElseThrow()).containsExactly(0, 0, 1, 1);
        assertThat(always.queries().get(1).firstStageGrades().orElseThrow()).containsExactly(0, 0);
        EvaluationResult result = always.evaluate(scorer);
        assertThat(result.metrics().keySet())
                .containsExactly("map", "mrr@10", "ndcg@10", "base_map", "base_mrr@10", "base_ndcg@10");
        // base q1: relevant at ranks 3 and 4 of 4; q2: nothing retrieved -> 0
        double baseNdcgQ1 = (0.5 + 1 / (Math.log(5) / Math.log(2))) / (1 + 1 / LOG2_3);
        assertThat(result.metric("base_ndcg@10")).isCloseTo(baseNdcgQ1 / 2, within(1e-15));
        assertThat(result.metric("base_mrr@10")).isCloseTo(1 / 3.0 / 2, within(1e-15));
        // reranked: q1 perfect; q2 p3 injected and ranked 2nd
        assertThat(result.metric("mrr@10")).isCloseTo((1 + 0.5) / 2, within(1e-15));

        RerankingEvaluator retrieved = RerankingEvaluator.of(
                samples, RerankingOptions.defaults().withRerankPositives(RerankPositives.RETRIEVED_ONLY));
        assertThat(retrieved.queries().get(0).candidates()).containsExactly("n1", "n2", "p1");
        EvaluationResult realistic = retrieved.evaluate(scorer);
        // q1: p1 first among retrieved (NDCG normalized over the retrieved positive); q2: no positive retrieved -> 0
        assertThat(realistic.metric("ndcg@10")).isCloseTo(0.5, within(1e-15));
        assertThat(realistic.metric("base_ndcg@10")).isEqualTo(result.metric("base_ndcg@10"));
        assertThat(retrieved.evaluateFirstStage().metrics())
                .containsEntry("base_ndcg@10", result.metric("base_ndcg@10"));
    }

    @Test
    void mixingNegativeAndDocumentSamplesIsRejected() {
        List<RerankingSample> samples = List.of(
                RerankingSample.withNegatives("q1", List.of("p1"), List.of("n1")),
                RerankingSample.withDocuments("q2", List.of("p2"), List.of("p2", "n2")));
        assertThatThrownBy(() -> RerankingEvaluator.of(samples, RerankingOptions.defaults()))
                .hasMessageContaining("query 1 mixes samples with and without a first-stage ranking");
    }

    @Test
    void csvLogGetsOneRowPerCall(@TempDir Path dir) throws IOException {
        RerankingEvaluator evaluator =
                RerankingEvaluator.of(samples(), RerankingOptions.defaults().withName("dev"));
        evaluator.evaluate(scorer(), EvaluationContext.writingTo(dir, 0, 100));
        EvaluationResult second = evaluator.evaluate(scorer(), EvaluationContext.writingTo(dir, 1, 200));
        List<String> lines = Files.readAllLines(dir.resolve("CrossEncoderRerankingEvaluator_dev_results_@10.csv"));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("epoch,steps,MAP,MRR@10,NDCG@10");
        assertThat(lines.get(2))
                .isEqualTo("1,200," + second.metric("dev_map") + "," + second.metric("dev_mrr@10") + ","
                        + second.metric("dev_ndcg@10"));
    }

    @Test
    void resultRoundTripsThroughJsonAndRendersAsTable() {
        EvaluationResult result = RerankingEvaluator.of(
                        samples(), RerankingOptions.defaults().withName("dev"))
                .evaluate(scorer());
        EvaluationResult read = ResultJson.read(result.toJson());
        assertThat(read).isEqualTo(result);
        assertThat(result.toTable())
                .contains("map  mrr@10  ndcg@10")
                .contains("dev  " + String.format(java.util.Locale.ROOT, "%.4f", result.metric("dev_map")))
                .contains("primary: dev_ndcg@10 = ");
    }

    @Test
    void readsJsonlSamplesWithGrades(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("samples.jsonl");
        Files.writeString(file, """
                {"id": "a", "query": "q1", "positive": ["p1", "p2"], "grades": [2, 1], "negative": ["n1"]}

                {"query": "q2", "positive": "p3", "documents": ["n3", "p3"]}
                """);
        List<RerankingSamples.Identified> samples = RerankingSamples.readJsonl(file);
        assertThat(samples).extracting(RerankingSamples.Identified::id).containsExactly("a", "1");
        assertThat(samples.get(0).sample().positives())
                .containsExactly(new RerankingSample.Relevant("p1", 2), new RerankingSample.Relevant("p2", 1));
        assertThat(samples.get(1).sample()).isInstanceOf(RerankingSample.WithDocuments.class);
    }

    @Test
    void gradedJsonlUsesGradesAsNdcgGains(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("graded.jsonl");
        Files.writeString(
                file,
                "{\"query\": \"q\", \"positive\": [\"a\", \"b\"], \"grades\": [2, 1]," + " \"negative\": [\"c\"]}\n");
        LookupScorer scorer =
                new LookupScorer().put("q", "a", 0.1).put("q", "b", 0.9).put("q", "c", 0.5);
        EvaluationResult result =
                RerankingEvaluator.fromJsonl(file, RerankingOptions.defaults()).evaluate(scorer);
        // order b(1), c(0), a(2): DCG = 1 + 2/log2(4) = 2; ideal = 2 + 1/log2(3)
        assertThat(result.metric("ndcg@10")).isCloseTo(2 / (2 + 1 / LOG2_3), within(1e-15));
    }

    @Test
    void malformedJsonlNamesFileAndLine(@TempDir Path dir) throws IOException {
        assertMalformed(
                dir, "{\"query\": \"q\", \"positive\": [\"a\"], \"negative\": [\"b\"]}\n{oops\n", ":2: not valid JSON");
        assertMalformed(
                dir,
                "{\"positive\": [\"a\"], \"negative\": [\"b\"]}\n",
                ":1: missing field \"query\" (fields: positive, negative)");
        assertMalformed(
                dir,
                "{\"query\": \"q\", \"positive\": [\"a\"]}\n",
                ":1: exactly one of \"negative\" and \"documents\" is required");
        assertMalformed(
                dir,
                "{\"query\": \"q\", \"positive\": [\"a\"], \"negative\": [\"b\"], \"documents\": [\"a\"]}\n",
                ":1: exactly one of \"negative\" and \"documents\"");
        assertMalformed(
                dir,
                "{\"query\": \"q\", \"positive\": [\"a\"], \"grades\": [1, 2], \"negative\": []}\n",
                ":1: \"grades\" must be a list of 1 integers");
        assertMalformed(
                dir,
                "{\"query\": \"q\", \"positive\": [\"a\"], \"grades\": [0], \"negative\": []}\n",
                ":1: grades[0] must be an integer >= 1, got 0");
        assertMalformed(
                dir,
                "{\"query\": \"q\", \"positive\": [1], \"negative\": []}\n",
                ":1: positive[0] must be a string, got NUMBER");
        assertMalformed(
                dir,
                "{\"query\": \"q\", \"positive\": [], \"documents\": []}\n",
                ":1: \"documents\" must not be empty");
    }

    private static void assertMalformed(Path dir, String content, String message) throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, content);
        assertThatThrownBy(() -> RerankingEvaluator.fromJsonl(file, RerankingOptions.defaults()))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(message);
    }
}
