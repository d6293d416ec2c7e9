package dev.rerank4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rerank4j.PairScorer;
import dev.rerank4j.TextPair;
import dev.rerank4j.retrieval.BeirFolders;
import dev.rerank4j.retrieval.FirstStageCache;
import dev.rerank4j.testing.DataSuite;
import dev.rerank4j.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirBenchmarkTest {
    @TempDir
    Path dir;

    /** Scores the judged-relevant pairs of the tiny folder (q1-d1: "purr", q2-d3: "fish") 1, all others 0. */
    private static final PairScorer ORACLE = pairs -> {
        float[][] out = new float[pairs.size()][];
        for (int i = 0; i < out.length; i++) {
            String query = pairs.get(i).query();
            String doc = pairs.get(i).document();
            boolean relevant = query.contains("purr") ? doc.contains("purr") : doc.contains("fish");
            out[i] = new float[] {relevant ? 1f : 0f};
        }
        return out;
    };

    private BeirOptions options() {
        return BeirOptions.defaults().withCache(FirstStageCache.in(dir.resolve("cache")));
    }

    @Test
    void reportsRerankedAndBm25MetricsPerDatasetAndTheirMean() throws IOException {
        Path tiny = BeirFolders.write(dir, "beir-tiny");
        BeirBenchmark benchmark = BeirBenchmark.prepare(List.of(tiny), options());
        EvaluationResult result = benchmark.evaluate(ORACLE);
        assertThat(result.metrics().keySet())
                .containsExactly(
                        "beir-tiny_R100_map",
                        "beir-tiny_R100_mrr@10",
                        "beir-tiny_R100_ndcg@10",
                        "beir-tiny_R100_base_map",
                        "beir-tiny_R100_base_mrr@10",
                        "beir-tiny_R100_base_ndcg@10",
                        "beir-tiny_R100_judged_ndcg@10",
                        "beir-tiny_R100_base_judged_ndcg@10",
                        "BEIR_R100_mean_map",
                        "BEIR_R100_mean_mrr@10",
                        "BEIR_R100_mean_ndcg@10",
                        "BEIR_R100_mean_base_map",
                        "BEIR_R100_mean_base_mrr@10",
                        "BEIR_R100_mean_base_ndcg@10",
                        "BEIR_R100_mean_judged_ndcg@10",
                        "BEIR_R100_mean_base_judged_ndcg@10");
        assertThat(result.primaryMetric()).isEqualTo("BEIR_R100_mean_ndcg@10");
        // q1: BM25 ranks d1 first; q2: BM25 misses d3 (no shared term), ALWAYS injects it; q4: its only judgment
        // points to a missing document, so it has no positive and scores 0 in every mean
        assertThat(result.metric("beir-tiny_R100_base_ndcg@10")).isCloseTo(1 / 3.0, within(1e-15));
        assertThat(result.metric("beir-tiny_R100_ndcg@10")).isCloseTo(2 / 3.0, within(1e-15));
        assertThat(result.metric("BEIR_R100_mean_ndcg@10")).isEqualTo(result.metric("beir-tiny_R100_ndcg@10"));
        assertThat(result.perQuery()).extracting(QueryMetrics::queryId).containsExactly("q1", "q2", "q4");
        assertThat(result.provenance())
                .containsEntry("beir-tiny_R100.skipped_qrels_missing_docs", "1")
                .containsEntry("beir-tiny_R100.self_matches_dropped", "1")
                .containsEntry("beir-tiny_R100.first_stage", "computed");
        assertThat(result.groups()).containsExactly("beir-tiny_R100", "BEIR_R100_mean");

        BeirBenchmark realistic =
                BeirBenchmark.prepare(List.of(tiny), options().withRerankPositives(RerankPositives.RETRIEVED_ONLY));
        assertThat(realistic.datasets().get(0).firstStage().fromCache()).isTrue();
        EvaluationResult retrievedOnly = realistic.evaluate(ORACLE);
        assertThat(retrievedOnly.metric("beir-tiny_R100_ndcg@10")).isCloseTo(1 / 3.0, within(1e-15));
        assertThat(realistic.evaluateFirstStage().metric("BEIR_R100_mean_base_ndcg@10"))
                .isEqualTo(result.metric("BEIR_R100_mean_base_ndcg@10"));
    }

    @Test
    void judgedNdcgCountsTheRelevantDocumentsBm25MissedAsBeirDoes() throws IOException {
        // q1 has two relevant documents: d1 ("cats purr"), which BM25 ranks first of its two hits (d1, d2), and d3
        // ("fish swim"), which it misses; ORACLE scores only d1 relevant
        Path tiny = BeirFolders.write(
                dir, "beir-missed", BeirFolders.CORPUS, BeirFolders.QUERIES, "q1\td1\t1\nq1\td3\t1\n");
        double ideal = 1 + 1 / Math.log(3) * Math.log(2);
        BeirBenchmark realistic =
                BeirBenchmark.prepare(List.of(tiny), options().withRerankPositives(RerankPositives.RETRIEVED_ONLY));
        EvaluationResult r = realistic.evaluate(ORACLE);
        // sentence-transformers' figures: the reranked ideal counts the candidates only (1.0); the BM25 figure
        // appends d3 after the hits (grades 1, 0, 1: (1 + 1/log2(4)) / ideal)
        assertThat(r.metric("beir-missed_R100_ndcg@10")).isEqualTo(1.0);
        assertThat(r.metric("beir-missed_R100_base_ndcg@10")).isCloseTo(1.5 / ideal, within(1e-15));
        // BEIR's: both rankings put d1 first and hold no d3, over the ideal of both judgments
        assertThat(r.metric("beir-missed_R100_judged_ndcg@10")).isCloseTo(1 / ideal, within(1e-15));
        assertThat(r.metric("beir-missed_R100_base_judged_ndcg@10")).isCloseTo(1 / ideal, within(1e-15));
        assertThat(r.metric("BEIR_R100_mean_judged_ndcg@10")).isCloseTo(1 / ideal, within(1e-15));
        assertThat(realistic.evaluateFirstStage().metric("BEIR_R100_mean_base_judged_ndcg@10"))
                .isCloseTo(1 / ideal, within(1e-15));
        assertThat(r.perQuery().get(0).values()).containsKeys("judged_ndcg@10", "base_judged_ndcg@10");
        // all positives reranked: d3 joins the candidates and ties d2 at 0, so ranks 2 and 3 share its gain
        EvaluationResult always =
                BeirBenchmark.prepare(List.of(tiny), options()).evaluate(ORACLE);
        double shared = (1 + 0.5 * (Math.log(2) / Math.log(3) + 0.5)) / ideal;
        assertThat(always.metric("beir-missed_R100_judged_ndcg@10")).isCloseTo(shared, within(1e-15));
        assertThat(always.metric("beir-missed_R100_ndcg@10")).isCloseTo(shared, within(1e-15));
        // fused with BM25: the reranker's own figure gets its judged twin too
        EvaluationResult fused =
                realistic.withFusion(ScoreFusion.parse("convex:0.5")).evaluate(ORACLE);
        assertThat(fused.metric("beir-missed_R100_reranker_judged_ndcg@10")).isCloseTo(1 / ideal, within(1e-15));
        assertThat(fused.metric("beir-missed_R100_judged_ndcg@10")).isCloseTo(1 / ideal, within(1e-15));
    }

    @Test
    void meanIsOverDatasetsAndEachDatasetIsScoredInOneCall() throws IOException {
        Path a = BeirFolders.write(dir, "scifact");
        Path b = BeirFolders.write(
                dir, "beir-arguana", BeirFolders.CORPUS, BeirFolders.QUERIES, "q1\td1\t1\nq2\td1\t1\n");
        List<Integer> calls = new ArrayList<>();
        PairScorer counting = pairs -> {
            calls.add(pairs.size());
            return ORACLE.score(pairs);
        };
        EvaluationResult result = BeirBenchmark.run(counting, List.of(a, b), options());
        assertThat(calls).hasSize(2);
        for (String metric : List.of("map", "mrr@10", "ndcg@10", "base_ndcg@10")) {
            assertThat(result.metric("BEIR_R100_mean_" + metric))
                    .isCloseTo(
                            (result.metric("SciFact_R100_" + metric) + result.metric("ArguAna_R100_" + metric)) / 2,
                            within(1e-15));
        }
        assertThat(result.toTable())
                .contains("SciFact_R100")
                .contains("ArguAna_R100")
                .contains("BEIR_R100_mean");
    }

    @Test
    void writesOneCsvPerDatasetAndOneForTheMean() throws IOException {
        Path tiny = BeirFolders.write(dir, "nfcorpus");
        Path out = dir.resolve("eval");
        BeirBenchmark.prepare(List.of(tiny), options()).evaluate(ORACLE, EvaluationContext.writingTo(out, 1, 10));
        assertThat(Files.readAllLines(out.resolve("CrossEncoderRerankingEvaluator_NFCorpus_R100_results_@10.csv")))
                .hasSize(2);
        List<String> mean = Files.readAllLines(out.resolve("BEIR_evaluation_mean_results.csv"));
        assertThat(mean.get(0)).isEqualTo("epoch,steps,MAP,MRR@10,NDCG@10");
        assertThat(mean.get(1)).startsWith("1,10,");
    }

    @Test
    void twoFoldersWithTheSameDatasetNameAreRejected() throws IOException {
        Path a = BeirFolders.write(dir.resolve("x"), "scifact");
        Path b = BeirFolders.write(dir.resolve("y"), "beir-scifact");
        assertThatThrownBy(() -> BeirBenchmark.prepare(List.of(a, b), options()))
                .hasMessageContaining("two datasets are both named SciFact_R100");
    }

    @Test
    @DataSuite
    void bm25OnNfCorpusMatchesTheRecordedBaseline() throws IOException {
        BeirBenchmark benchmark = BeirBenchmark.prepare(
                List.of(SharedData.dataset("nfcorpus-original")), options().withCache(FirstStageCache.disabled()));
        EvaluationResult bm25 = benchmark.evaluateFirstStage();
        // measured with this analyzer and k1=0.9, b=0.4 on the preprocessed text (Anserini, raw BEIR text: 0.322)
        assertThat(bm25.metric("NFCorpus_R100_base_ndcg@10")).isCloseTo(0.3886, within(5e-4));
        assertThat(bm25.perQuery()).hasSize(323);
    }

    @Test
    @Tag("slow")
    @DataSuite
    void bm25OnSciFactAndArguAnaIsWithinTwoPointsOfAnserini() throws IOException {
        EvaluationResult bm25 = BeirBenchmark.prepare(
                        List.of(SharedData.dataset("beir-scifact"), SharedData.dataset("beir-arguana")),
                        options().withCache(FirstStageCache.disabled()))
                .evaluateFirstStage();
        // Anserini BM25 flat / multifield: SciFact 0.679 / 0.665, ArguAna 0.397 / 0.414
        assertThat(bm25.metric("SciFact_R100_base_ndcg@10")).isBetween(0.665 - 0.02, 0.679 + 0.02);
        assertThat(bm25.metric("ArguAna_R100_base_ndcg@10")).isBetween(0.397 - 0.02, 0.414 + 0.02);
        assertThat(bm25.provenance()).containsEntry("ArguAna_R100.skipped_qrels_missing_docs", "5");
    }

    @Test
    void documentTextIsTitlePlusText() throws IOException {
        List<TextPair> seen = new ArrayList<>();
        PairScorer recording = pairs -> {
            seen.addAll(pairs);
            return ORACLE.score(pairs);
        };
        BeirBenchmark.prepare(List.of(BeirFolders.write(dir, "t")), options()).evaluate(recording);
        assertThat(seen).contains(new TextPair("why do cats purr", "Cats cats purr and sleep"));
    }

    @Test
    void aSeededSampleKeepsNQueriesInTheirOrderAndTheSameSeedPicksTheSame() throws IOException {
        Path tiny = BeirFolders.write(dir, "beir-tiny");
        List<String> all = ids(BeirBenchmark.prepare(List.of(tiny), options()));
        assertThat(all).containsExactly("q1", "q2", "q4");
        List<String> two = ids(BeirBenchmark.prepare(List.of(tiny), options().withSample(2, 7)));
        assertThat(two).hasSize(2).isSubsetOf(all);
        assertThat(all).containsSubsequence(two);
        assertThat(ids(BeirBenchmark.prepare(List.of(tiny), options().withSample(2, 7))))
                .isEqualTo(two);
        assertThat(ids(BeirBenchmark.prepare(List.of(tiny), options().withSample(3, 7))))
                .isEqualTo(all);
        EvaluationResult sampled =
                BeirBenchmark.prepare(List.of(tiny), options().withSample(2, 7)).evaluate(ORACLE);
        assertThat(sampled.provenance())
                .containsEntry("sample_queries", "2 per dataset, seed 7")
                .containsEntry("beir-tiny_R100.queries_evaluated", "2");
        assertThatThrownBy(() -> options().withSample(-1, 7)).hasMessageContaining("sampleQueries must be >= 0");
    }

    @Test
    void fusionMixesBm25ScoresIntoTheRankingAndKeepsTheRerankersOwnFigures() throws IOException {
        Path tiny = BeirFolders.write(dir, "beir-tiny");
        BeirBenchmark plain = BeirBenchmark.prepare(List.of(tiny), options());
        for (RerankingQuery query : plain.datasets().get(0).evaluator().queries()) {
            // the positive q2-d3 that BM25 missed (ALWAYS injects it) has no BM25 score
            float[] bm25 = query.firstStageScores().orElseThrow();
            assertThat(bm25).hasSize(query.candidates().size());
            for (int i = 0; i < bm25.length; i++) {
                assertThat(Float.isNaN(bm25[i]))
                        .isEqualTo(query.id().equals("q2") && query.grades().get(i) > 0);
            }
        }
        EvaluationResult alone = plain.evaluate(ORACLE);
        // an even-ish mix: the oracle's 1 for q2's injected positive outweighs BM25's 0 for it (0.6 vs <= 0.4)
        EvaluationResult mixed = plain.withFusion(new ScoreFusion.Convex(0.6)).evaluate(ORACLE);
        assertThat(mixed.metric("beir-tiny_R100_ndcg@10")).isCloseTo(2 / 3.0, within(1e-15));
        assertThat(mixed.metric("beir-tiny_R100_reranker_ndcg@10")).isEqualTo(alone.metric("beir-tiny_R100_ndcg@10"));
        assertThat(mixed.metric("BEIR_R100_mean_reranker_ndcg@10")).isCloseTo(2 / 3.0, within(1e-15));
        assertThat(mixed.provenance()).containsEntry("fusion", "convex:0.6");
        // all weight on BM25 over BM25's own candidates: the fused order is BM25's, query by query
        BeirBenchmark realistic =
                BeirBenchmark.prepare(List.of(tiny), options().withRerankPositives(RerankPositives.RETRIEVED_ONLY));
        EvaluationResult bm25Only =
                realistic.withFusion(new ScoreFusion.Convex(0)).evaluate(ORACLE);
        for (QueryMetrics query : bm25Only.perQuery()) {
            assertThat(query.value("ndcg@10")).isEqualTo(query.value("base_ndcg@10"));
        }
        assertThat(bm25Only.metric("BEIR_R100_mean_ndcg@10")).isCloseTo(1 / 3.0, within(1e-15));
    }

    private static List<String> ids(BeirBenchmark benchmark) {
        return benchmark.datasets().get(0).evaluator().queries().stream()
                .map(RerankingQuery::id)
                .toList();
    }
}
