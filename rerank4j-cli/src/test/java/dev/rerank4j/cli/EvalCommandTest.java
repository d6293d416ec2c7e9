package dev.rerank4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.TextPair;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code rerank4j eval} end to end on a tiny model and tiny data files. */
class EvalCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    static Path model;

    @TempDir
    Path tmp;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    @BeforeAll
    static void makeModel() {
        model = TinyModels.reranker(shared.resolve("tiny"), Architecture.BERT);
    }

    @Test
    void rerankingSamplesGiveATableAndAJsonReport() throws Exception {
        Path samples = Files.writeString(tmp.resolve("samples.jsonl"), """
                {"query": "where is paris", "positive": ["paris is in france"], "negative": ["the dog sat", "a cat", "berlin"]}
                {"query": "who is a good dog", "positive": ["the dog"], "negative": ["paris", "the mat is bad"]}
                """);
        Path report = tmp.resolve("report.json");
        int code = Main.run(
                "eval",
                "-m",
                model.toString(),
                "--reranking",
                samples.toString(),
                "--name",
                "dev",
                "-o",
                report.toString());
        assertThat(code).as(console.err()).isZero();
        assertThat(console.out())
                .contains("ndcg@10")
                .contains("mrr@10")
                .contains("map")
                .contains("primary: dev_ndcg@10");
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.path("model").asText()).isEqualTo(model.toString());
        JsonNode metrics = json.path("results").get(0).path("metrics");
        // each query has one positive: MAP = MRR@10 = mean 1/rank, NDCG@10 = mean 1/log2(rank + 1) of the positive
        double[] ranks = {
            rankOfFirst("where is paris", "paris is in france", "the dog sat", "a cat", "berlin"),
            rankOfFirst("who is a good dog", "the dog", "paris", "the mat is bad")
        };
        assertThat(metric(metrics, "dev_map")).isCloseTo((1 / ranks[0] + 1 / ranks[1]) / 2, within(1e-6));
        assertThat(metric(metrics, "dev_mrr@10")).isCloseTo((1 / ranks[0] + 1 / ranks[1]) / 2, within(1e-6));
        assertThat(metric(metrics, "dev_ndcg@10"))
                .isCloseTo((1 / log2(ranks[0] + 1) + 1 / log2(ranks[1] + 1)) / 2, within(1e-6));
    }

    /** A metric of the JSON report, which must be present (a missing key is a failure, not 0). */
    static double metric(JsonNode metrics, String key) {
        assertThat(metrics.has(key)).as("metric %s in %s", key, metrics).isTrue();
        assertThat(metrics.get(key).isNumber()).as("metric %s is a number", key).isTrue();
        return metrics.get(key).asDouble();
    }

    /** The 1-based rank the model gives the first document among all of them for the query. */
    private static double rankOfFirst(String query, String... documents) {
        try (CrossEncoder encoder = CrossEncoder.load(model)) {
            float[] scores = encoder.predict(
                    Arrays.stream(documents).map(d -> new TextPair(query, d)).toList());
            int rank = 1;
            for (int i = 1; i < scores.length; i++) {
                assertThat(scores[i]).as("no tie with the positive").isNotEqualTo(scores[0]);
                rank += scores[i] > scores[0] ? 1 : 0;
            }
            return rank;
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void labelledPairsForClassificationAndCorrelation() throws Exception {
        Path pairs = Files.writeString(tmp.resolve("pairs.jsonl"), """
                {"query": "where is paris", "document": "paris is in france", "label": 1}
                {"query": "where is paris", "document": "the dog sat", "label": 0}
                {"query": "who is a good dog", "document": "the dog", "label": 1}
                {"query": "who is a good dog", "document": "berlin", "label": 0}
                """);
        assertThat(Main.run("eval", "-m", model.toString(), "--pairs", pairs.toString()))
                .isZero();
        assertThat(console.out()).contains("average_precision");
        assertThat(Main.run("eval", "-m", model.toString(), "--pairs", pairs.toString(), "--task", "CORRELATION"))
                .isZero();
        assertThat(console.out()).contains("spearman").contains("pearson");
    }

    @Test
    void aBeirFolderIsRetrievedWithBm25ThenReranked() throws Exception {
        Path beir = Files.createDirectories(tmp.resolve("tinybeir/qrels"));
        Files.writeString(tmp.resolve("tinybeir/corpus.jsonl"), """
                {"_id": "d1", "title": "Paris", "text": "paris is the capital of france"}
                {"_id": "d2", "title": "Dogs", "text": "the dog sat on the mat"}
                {"_id": "d3", "title": "Berlin", "text": "berlin is the capital of germany"}
                """);
        Files.writeString(tmp.resolve("tinybeir/queries.jsonl"), """
                {"_id": "q1", "text": "capital of france"}
                {"_id": "q2", "text": "where did the dog sit"}
                """);
        Files.writeString(beir.resolve("test.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n");
        Path report = tmp.resolve("beir.json");
        int code = Main.run(
                "eval",
                "-m",
                model.toString(),
                "--beir",
                tmp.resolve("tinybeir").toString(),
                "--rerank-k",
                "2",
                "-o",
                report.toString());
        assertThat(code).as(console.err()).isZero();
        assertThat(console.out()).contains("tinybeir_R2").contains("base_ndcg@10");
        JsonNode metrics = JSON.readTree(report.toFile()).path("results").get(0).path("metrics");
        assertThat(metrics.has("tinybeir_R2_ndcg@10")).isTrue();
        assertThat(metrics.has("tinybeir_R2_base_ndcg@10")).isTrue();
        assertThat(metrics.has("BEIR_R2_mean_ndcg@10")).isTrue();

        // two fusions on the same scores, over a one-query sample of BM25's own candidates
        Path fused = tmp.resolve("fused.json");
        int again = Main.run(
                "eval",
                "-m",
                model.toString(),
                "--beir",
                tmp.resolve("tinybeir").toString(),
                "--rerank-k",
                "2",
                "--rerank-positives",
                "RETRIEVED_ONLY",
                "--sample-queries",
                "1",
                "--fusion",
                "none",
                "convex:0",
                "-o",
                fused.toString());
        assertThat(again).as(console.err()).isZero();
        JsonNode results = JSON.readTree(fused.toFile()).path("results");
        assertThat(results).hasSize(2);
        JsonNode plain = results.get(0).path("metrics");
        JsonNode bm25Weighted = results.get(1).path("metrics");
        assertThat(plain.has("tinybeir_R2_reranker_ndcg@10")).isFalse();
        assertThat(results.get(1).path("provenance").path("fusion").asText()).isEqualTo("convex:0.0");
        assertThat(results.get(1)
                        .path("provenance")
                        .path("tinybeir_R2.queries_evaluated")
                        .asText())
                .isEqualTo("1");
        // all weight on BM25: its order, and the reranker's own figure is the unfused one
        assertThat(bm25Weighted.path("tinybeir_R2_ndcg@10").asDouble())
                .isEqualTo(bm25Weighted.path("tinybeir_R2_base_ndcg@10").asDouble());
        assertThat(bm25Weighted.path("tinybeir_R2_reranker_ndcg@10").asDouble())
                .isEqualTo(plain.path("tinybeir_R2_ndcg@10").asDouble());

        assertThat(Main.run(
                        "eval",
                        "-m",
                        model.toString(),
                        "--beir",
                        beir.getParent().toString(),
                        "--fusion",
                        "convex:2"))
                .isEqualTo(2);
        assertThat(console.err()).contains("--fusion: fusion \"convex:2\": the convex fusion weight must be in [0, 1]");
    }

    @Test
    void nothingToEvaluateOrABadFileExitsTwo() throws Exception {
        assertThat(Main.run("eval", "-m", model.toString())).isEqualTo(2);
        assertThat(console.err()).contains("Nothing to evaluate");
        Path bad = Files.writeString(tmp.resolve("bad.jsonl"), "{\"query\": \"q\"}\n");
        assertThat(Main.run("eval", "-m", model.toString(), "--reranking", bad.toString()))
                .isEqualTo(2);
        assertThat(console.err()).contains(bad + ":1");
    }
}
