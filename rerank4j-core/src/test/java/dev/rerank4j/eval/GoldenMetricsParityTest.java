package dev.rerank4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.testing.GoldenFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the reranking evaluator on every metric case computed with sentence-transformers v6.0.0 (the committed
 * {@code golden/metrics} test resources, or {@code $RERANK4J_GOLDEN_DIR/metrics} or {@code $RERANK4J_GOLDEN_DIR}
 * itself: see {@link GoldenFiles}) and checks the expected means and the
 * per-query values within each file's tolerance. A failing file reports its largest deviation.
 */
class GoldenMetricsParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyMetricCase() {
        return GoldenFiles.cases("metrics").stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    private static void check(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        int k = root.get("at_k").asInt();
        String mode = root.get("mode").asText();
        RerankingOptions options = RerankingOptions.defaults().withAtK(k);
        LookupScorer scorer = new LookupScorer();
        RerankingEvaluator evaluator;
        switch (mode) {
            case "negative" -> {
                List<RerankingSample> samples = new ArrayList<>();
                for (JsonNode sample : root.get("samples")) {
                    samples.add(RerankingSample.withNegatives(
                            sample.get("query").asText(),
                            texts(sample.get("positive")),
                            texts(sample.get("negative"))));
                }
                for (JsonNode query : root.get("queries")) {
                    for (int i = 0; i < query.get("docs").size(); i++) {
                        scorer.put(
                                query.get("query").asText(),
                                query.get("docs").get(i).asText(),
                                query.get("scores").get(i).asDouble());
                    }
                }
                evaluator = RerankingEvaluator.of(samples, options);
                checkCandidates(evaluator, root);
            }
            case "documents" -> {
                List<RerankingSample> samples = new ArrayList<>();
                for (JsonNode sample : root.get("samples")) {
                    samples.add(RerankingSample.withDocuments(
                            sample.get("query").asText(),
                            texts(sample.get("positive")),
                            texts(sample.get("documents"))));
                }
                root.get("scores_by_pair").properties().forEach(e -> {
                    String[] pair = e.getKey().split("\\|\\|\\|", 2);
                    scorer.put(pair[0], pair[1], e.getValue().asDouble());
                });
                RerankPositives policy = root.get("always_rerank_positives").asBoolean()
                        ? RerankPositives.ALWAYS
                        : RerankPositives.RETRIEVED_ONLY;
                evaluator = RerankingEvaluator.of(samples, options.withRerankPositives(policy));
                checkCandidates(evaluator, root);
                checkBase(evaluator, root);
            }
            case "graded_ndcg_only" -> {
                List<RerankingQuery> queries = new ArrayList<>();
                int q = 0;
                for (JsonNode query : root.get("queries")) {
                    List<String> docs = new ArrayList<>();
                    List<Integer> grades = new ArrayList<>();
                    for (int i = 0; i < query.get("scores").size(); i++) {
                        String doc = "g" + q + "-d" + i;
                        docs.add(doc);
                        grades.add(query.get("labels").get(i).asInt());
                        scorer.put("g" + q, doc, query.get("scores").get(i).asDouble());
                    }
                    queries.add(RerankingQuery.of(Integer.toString(q), "g" + q, docs, grades));
                    q++;
                }
                evaluator = RerankingEvaluator.ofQueries(queries, options);
            }
            default -> throw new AssertionError(file + ": unknown mode " + mode);
        }
        EvaluationResult result = evaluator.evaluate(scorer);
        assertThat(scorer.callSizes()).as("one scorer call for all queries").hasSizeLessThanOrEqualTo(1);

        Deviations deviations = new Deviations(root.get("tolerance"));
        root.get("expected")
                .properties()
                .forEach(e -> deviations.add(
                        "expected." + e.getKey(),
                        e.getValue().asDouble(),
                        result.metrics().get(e.getKey())));
        JsonNode perQuery = root.get("per_query");
        assertThat(result.perQuery())
                .as("%s: per-query results", file.getFileName())
                .hasSize(perQuery.size());
        for (int i = 0; i < perQuery.size(); i++) {
            Map<String, Double> actual = result.perQuery().get(i).values();
            int query = i;
            perQuery.get(i).properties().forEach(e -> {
                if (e.getValue().isNumber()) {
                    deviations.add(
                            "per_query[" + query + "]." + e.getKey(),
                            e.getValue().asDouble(),
                            actual.get(e.getKey()));
                }
            });
        }
        deviations.assertWithin(file.getFileName().toString());
    }

    /** The candidates and grades the evaluator prepared are the lists the reference scored. */
    private static void checkCandidates(RerankingEvaluator evaluator, JsonNode root) {
        JsonNode queries = root.get("queries");
        for (int i = 0; i < queries.size(); i++) {
            RerankingQuery prepared = evaluator.queries().get(i);
            assertThat(prepared.candidates())
                    .as("candidates of query %d", i)
                    .isEqualTo(texts(queries.get(i).get("docs")));
            List<Integer> labels = new ArrayList<>();
            queries.get(i).get("labels").forEach(l -> labels.add(l.asInt()));
            assertThat(prepared.grades()).as("grades of query %d", i).isEqualTo(labels);
        }
    }

    /** The first-stage relevance lists equal the reference's base lists (null there = no positive retrieved). */
    private static void checkBase(RerankingEvaluator evaluator, JsonNode root) {
        JsonNode base = root.get("base_queries");
        for (int i = 0; i < base.size(); i++) {
            List<Integer> prepared =
                    evaluator.queries().get(i).firstStageGrades().orElseThrow();
            if (base.get(i).get("labels").isNull()) {
                assertThat(prepared)
                        .as("base of query %d has no relevant document", i)
                        .doesNotContain(1);
            } else {
                List<Integer> labels = new ArrayList<>();
                base.get(i).get("labels").forEach(l -> labels.add(l.asInt()));
                assertThat(prepared).as("base of query %d", i).isEqualTo(labels);
            }
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isTextual()) {
            out.add(array.asText());
        } else {
            array.forEach(node -> out.add(node.asText()));
        }
        return out;
    }

    /** Collects |actual - expected| for every checked value and fails with the worst one. */
    private static final class Deviations {
        private final double abs;
        private final double rel;
        private final List<String> failures = new ArrayList<>();
        private String worstKey = "(none)";
        private double worstExcess = Double.NEGATIVE_INFINITY;
        private double worstDeviation;
        private int checked;

        Deviations(JsonNode tolerance) {
            this.abs = tolerance.get("abs").asDouble();
            this.rel = tolerance.get("rel").asDouble();
        }

        void add(String key, double expected, Double actual) {
            checked++;
            if (actual == null) {
                failures.add(key + " is missing from the evaluator's output");
                return;
            }
            double deviation = Math.abs(actual - expected);
            double allowed = abs + rel * Math.abs(expected);
            if (deviation - allowed > worstExcess) {
                worstExcess = deviation - allowed;
                worstKey = key + " (expected " + expected + ", got " + actual + ")";
                worstDeviation = deviation;
            }
            if (!(deviation <= allowed)) {
                failures.add(key + ": expected " + expected + ", got " + actual);
            }
        }

        void assertWithin(String file) {
            assertThat(checked).as("%s: values checked", file).isPositive();
            assertThat(failures)
                    .as(
                            "%s: %d of %d values off; largest deviation %.3g at %s",
                            file, failures.size(), checked, worstDeviation, worstKey)
                    .isEmpty();
        }
    }
}
