package dev.rerank4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreFusionTest {
    private static final float NAN = Float.NaN;

    @Test
    void convexMixesMinMaxNormalisedScoresByHand() {
        // reranker 0.9, 0.5, 0.1 -> 1, 0.5, 0; BM25 1, 10, 5 -> 0, 1, 4/9
        double[] fused = new ScoreFusion.Convex(0.5).fuse(new float[] {0.9f, 0.5f, 0.1f}, new float[] {1, 10, 5});
        assertThat(fused[0]).isCloseTo(0.5, within(1e-7));
        assertThat(fused[1]).isCloseTo(0.75, within(1e-7));
        assertThat(fused[2]).isCloseTo(2 / 9.0, within(1e-7));
        // weight 0.25: 0.25 * r + 0.75 * f
        double[] mostlyBm25 = new ScoreFusion.Convex(0.25).fuse(new float[] {0.9f, 0.5f, 0.1f}, new float[] {1, 10, 5});
        assertThat(mostlyBm25[0]).isCloseTo(0.25, within(1e-7));
        assertThat(mostlyBm25[1]).isCloseTo(0.125 + 0.75, within(1e-7));
        assertThat(mostlyBm25[2]).isCloseTo(0.75 * 4 / 9.0, within(1e-7));
    }

    @Test
    void convexEndsAreTheRerankerAloneAndTheFirstStageAlone() {
        float[] reranker = {3, -1, 2};
        float[] bm25 = {7, 9, 8};
        assertThat(new ScoreFusion.Convex(1).fuse(reranker, bm25)).containsExactly(1, 0, 0.75);
        assertThat(new ScoreFusion.Convex(0).fuse(reranker, bm25)).containsExactly(0, 1, 0.5);
    }

    @Test
    void aCandidateTheFirstStageMissedGetsFirstStageZeroAndAConstantListNormalisesToZero() {
        double[] fused = new ScoreFusion.Convex(0.5).fuse(new float[] {1, 1, 1}, new float[] {NAN, 4, 2});
        assertThat(fused).containsExactly(0, 0.5, 0);
    }

    @Test
    void reciprocalRankFusionByHand() {
        // reranker ranks c2 > c0 > c1; BM25 ranks c1 > c0, c2 not retrieved
        double[] fused = new ScoreFusion.Rrf(60).fuse(new float[] {0.5f, 0.1f, 0.9f}, new float[] {3, 8, NAN});
        assertThat(fused[0]).isCloseTo(1 / 62.0 + 1 / 62.0, within(1e-15));
        assertThat(fused[1]).isCloseTo(1 / 63.0 + 1 / 61.0, within(1e-15));
        assertThat(fused[2]).isCloseTo(1 / 61.0, within(1e-15));
    }

    @Test
    void parsesTheWrittenFormsAndNamesWhatIsWrong() {
        assertThat(ScoreFusion.parse("none")).isEqualTo(ScoreFusion.none());
        assertThat(ScoreFusion.parse(" Convex:0.3 ")).isEqualTo(new ScoreFusion.Convex(0.3));
        assertThat(ScoreFusion.parse("convex")).isEqualTo(new ScoreFusion.Convex(0.5));
        assertThat(ScoreFusion.parse("rrf:10")).isEqualTo(new ScoreFusion.Rrf(10));
        assertThat(ScoreFusion.parse("rrf")).isEqualTo(new ScoreFusion.Rrf(60));
        for (ScoreFusion f : List.of(ScoreFusion.none(), new ScoreFusion.Convex(0.3), new ScoreFusion.Rrf(10))) {
            assertThat(ScoreFusion.parse(f.describe())).isEqualTo(f);
        }
        assertThatThrownBy(() -> ScoreFusion.parse("convex:1.5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fusion \"convex:1.5\": the convex fusion weight must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> ScoreFusion.parse("linear:0.5"))
                .hasMessageContaining("fusion must be none, convex:W")
                .hasMessageContaining("got \"linear:0.5\"");
        assertThatThrownBy(() -> ScoreFusion.parse("rrf:x")).hasMessageContaining("got \"rrf:x\"");
        assertThatThrownBy(() -> ScoreFusion.parse("rrf:0")).hasMessageContaining("k must be >= 1, got 0");
        assertThatThrownBy(() -> new ScoreFusion.Convex(0.5).fuse(new float[2], new float[3]))
                .hasMessage("2 reranker scores but 3 first-stage scores");
    }

    @Test
    void theEvaluatorRanksByTheFusedScoresAndReportsTheRerankerAloneBeside() {
        // one query, the relevant document second by the reranker, first after an even mix with BM25
        RerankingQuery query = RerankingQuery.withFirstStageScores(
                "q", "query", List.of("a", "b", "c"), List.of(0, 1, 0), List.of(0, 1, 0), new float[] {1, 10, 5});
        LookupScorer scorer =
                new LookupScorer().put("query", "a", 0.9).put("query", "b", 0.5).put("query", "c", 0.1);
        RerankingEvaluator plain = RerankingEvaluator.ofQueries(
                List.of(query), RerankingOptions.defaults().withName("t"));
        EvaluationResult alone = plain.evaluate(scorer);
        assertThat(alone.metric("t_ndcg@10")).isCloseTo(1 / (Math.log(3) / Math.log(2)), within(1e-12));
        assertThat(alone.metrics()).doesNotContainKey("t_reranker_ndcg@10");

        EvaluationResult fused = plain.withFusion(new ScoreFusion.Convex(0.5)).evaluate(scorer);
        assertThat(fused.metric("t_ndcg@10")).isEqualTo(1.0);
        assertThat(fused.metric("t_mrr@10")).isEqualTo(1.0);
        assertThat(fused.metric("t_reranker_ndcg@10")).isEqualTo(alone.metric("t_ndcg@10"));
        assertThat(fused.metric("t_base_ndcg@10")).isEqualTo(alone.metric("t_base_ndcg@10"));
        assertThat(fused.provenance()).containsEntry("fusion", "convex:0.5");
        // all weight on the reranker gives back its own order
        assertThat(plain.withFusion(new ScoreFusion.Convex(1)).evaluate(scorer).metric("t_ndcg@10"))
                .isEqualTo(alone.metric("t_ndcg@10"));
    }

    @Test
    void fusionNeedsFirstStageScores() {
        RerankingQuery noScores = RerankingQuery.withFirstStage("q7", "x", List.of("a"), List.of(1), List.of(1));
        RerankingEvaluator ev = RerankingEvaluator.ofQueries(
                List.of(noScores), RerankingOptions.defaults().withName("t"));
        assertThatThrownBy(() -> ev.withFusion(new ScoreFusion.Rrf(60)))
                .hasMessage("fusion rrf:60 needs first-stage scores, and query q7 of t has none");
        assertThat(ev.withFusion(ScoreFusion.none()).fusion()).isEqualTo(ScoreFusion.none());
    }
}
