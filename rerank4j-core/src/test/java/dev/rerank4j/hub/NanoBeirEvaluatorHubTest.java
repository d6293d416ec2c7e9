package dev.rerank4j.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rerank4j.PairScorer;
import dev.rerank4j.eval.EvaluationResult;
import dev.rerank4j.eval.NanoBeirEvaluator;
import dev.rerank4j.eval.NanoBeirOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NanoBEIR evaluator against a loopback hub holding a tiny dataset laid out as {@code
 * sentence-transformers/NanoBEIR-en} (subsets corpus/queries/qrels/bm25, splits Nano{Name}, files
 * {@code {subset}/Nano{Name}-00000-of-00001.parquet}, a README {@code configs} block) and as the v4 per-dataset
 * repositories ({@code Nano{Name}-bm25}: corpus/queries/relevance, split train). Expected values are hand-computed.
 */
class NanoBeirEvaluatorHubTest {
    private static final double LOG2_3 = Math.log(3) / Math.log(2);
    /** MSMARCO: q1 positive at rank 1 (1, 1, 1), q2 at rank 2 (AP 1/2, MRR 1/2, NDCG 1/log2(3)). */
    private static final double MSMARCO_NDCG = (1 + 1 / LOG2_3) / 2;
    /** MSMARCO BM25: q1 positive at rank 2; q2's positive not retrieved (0). */
    private static final double MSMARCO_BASE_NDCG = (1 / LOG2_3) / 2;

    @TempDir
    Path cache;

    @TempDir
    Path work;

    private FakeHubServer hub;

    @BeforeEach
    void start() throws Exception {
        hub = new FakeHubServer(request -> FakeHubServer.Reply.status(500));
    }

    @AfterEach
    void stop() throws IOException {
        hub.close();
    }

    private HubClient client() {
        return new HubClient(HubOptions.of(hub.uri(), cache), DownloadListener.none());
    }

    private FakeRepo nanoBeirEn() throws Exception {
        return NanoBeirFixture.nanoBeirEn(hub.otherOrigin(), work);
    }

    private static PairScorer scorer() {
        return NanoBeirFixture.scorer();
    }

    private byte[] texts(String name, String values) throws Exception {
        return NanoBeirFixture.texts(work, name, values);
    }

    private byte[] parquet(String name, String select) throws Exception {
        return NanoBeirFixture.parquet(work, name, select);
    }

    private static NanoBeirOptions options(String... names) {
        return NanoBeirOptions.defaults().withDatasetNames(List.of(names));
    }

    @Test
    void hubLayoutGivesHandComputedMetricsPerDatasetAndTheirMean() throws Exception {
        hub.handler(nanoBeirEn());
        NanoBeirEvaluator nano = NanoBeirEvaluator.load(client(), options("msmarco", "NQ"));
        EvaluationResult r = nano.evaluate(scorer());

        assertThat(r.primaryMetric()).isEqualTo("NanoBEIR_R100_mean_ndcg@10");
        assertThat(r.metrics().keySet())
                .containsExactly(
                        "NanoMSMARCO_R100_map",
                        "NanoMSMARCO_R100_mrr@10",
                        "NanoMSMARCO_R100_ndcg@10",
                        "NanoMSMARCO_R100_base_map",
                        "NanoMSMARCO_R100_base_mrr@10",
                        "NanoMSMARCO_R100_base_ndcg@10",
                        "NanoNQ_R100_map",
                        "NanoNQ_R100_mrr@10",
                        "NanoNQ_R100_ndcg@10",
                        "NanoNQ_R100_base_map",
                        "NanoNQ_R100_base_mrr@10",
                        "NanoNQ_R100_base_ndcg@10",
                        "NanoBEIR_R100_mean_map",
                        "NanoBEIR_R100_mean_mrr@10",
                        "NanoBEIR_R100_mean_ndcg@10",
                        "NanoBEIR_R100_mean_base_map",
                        "NanoBEIR_R100_mean_base_mrr@10",
                        "NanoBEIR_R100_mean_base_ndcg@10");
        assertThat(r.metric("NanoMSMARCO_R100_map")).isCloseTo(0.75, within(1e-9));
        assertThat(r.metric("NanoMSMARCO_R100_mrr@10")).isCloseTo(0.75, within(1e-9));
        assertThat(r.metric("NanoMSMARCO_R100_ndcg@10")).isCloseTo(MSMARCO_NDCG, within(1e-9));
        assertThat(r.metric("NanoMSMARCO_R100_base_map")).isCloseTo(0.25, within(1e-9));
        assertThat(r.metric("NanoMSMARCO_R100_base_ndcg@10")).isCloseTo(MSMARCO_BASE_NDCG, within(1e-9));
        assertThat(r.metric("NanoNQ_R100_ndcg@10")).isCloseTo(1.0, within(1e-9));
        assertThat(r.metric("NanoNQ_R100_base_mrr@10")).isCloseTo(0.5, within(1e-9));
        assertThat(r.metric("NanoBEIR_R100_mean_map")).isCloseTo(0.875, within(1e-9));
        assertThat(r.metric("NanoBEIR_R100_mean_ndcg@10")).isCloseTo((MSMARCO_NDCG + 1) / 2, within(1e-9));
        assertThat(r.metric("NanoBEIR_R100_mean_base_map")).isCloseTo(0.375, within(1e-9));
        assertThat(r.metric("NanoBEIR_R100_mean_base_ndcg@10"))
                .isCloseTo((MSMARCO_BASE_NDCG + 1 / LOG2_3) / 2, within(1e-9));
        assertThat(cache.resolve("datasets--sentence-transformers--NanoBEIR-en/snapshots/" + FakeRepo.COMMIT
                        + "/bm25/NanoNQ-00000-of-00001.parquet"))
                .isRegularFile();
        // BM25 alone gives the same base_ figures without a model
        assertThat(nano.evaluateFirstStage().metric("NanoBEIR_R100_mean_base_map"))
                .isCloseTo(0.375, within(1e-9));
    }

    @Test
    void rerankKCutsTheBm25RankingAndNamesTheKeys() throws Exception {
        hub.handler(nanoBeirEn());
        EvaluationResult r =
                NanoBeirEvaluator.load(client(), options("nq").withRerankK(1)).evaluate(scorer());
        // BM25 top 1 is d6 (not relevant): base 0; the positive d5 is reranked anyway (always_rerank_positives)
        assertThat(r.metric("NanoNQ_R1_base_ndcg@10")).isZero();
        assertThat(r.metric("NanoNQ_R1_ndcg@10")).isCloseTo(1.0, within(1e-9));
        assertThat(r.primaryMetric()).isEqualTo("NanoBEIR_R1_mean_ndcg@10");
    }

    @Test
    void v4PerDatasetRepositoriesGiveTheSameMetrics() throws Exception {
        FakeRepo repo = new FakeRepo("sentence-transformers/NanoMSMARCO-bm25", hub.otherOrigin()).asDataset();
        repo.add(
                "README.md",
                "---\nconfigs:\n- config_name: corpus\n  data_files:\n  - split: train\n"
                        + "    path: corpus/train-*\n- config_name: queries\n  data_files:\n  - split: train\n"
                        + "    path: queries/train-*\n- config_name: relevance\n  data_files:\n  - split: train\n"
                        + "    path: relevance/train-*\n---\n",
                false);
        repo.add("corpus/train-00000-of-00001.parquet", texts("c1", NanoBeirFixture.MSMARCO_CORPUS), true);
        repo.add(
                "queries/train-00000-of-00001.parquet",
                texts("q1", "('q1', 'what is a cat'), ('q2', 'fastest car')"),
                true);
        repo.add(
                "relevance/train-00000-of-00001.parquet",
                parquet(
                        "rel",
                        "SELECT * FROM (VALUES"
                                + " ('q1', ['d1'], ['d3', 'd1', 'd2']), ('q2', ['d2'], ['d4', 'd3']))"
                                + " t(\"query-id\", \"positive-corpus-ids\", \"bm25-ranked-ids\")"),
                true);
        hub.handler(repo);
        EvaluationResult r = NanoBeirEvaluator.load(
                        client(), options("msmarco").withDatasetId(NanoBeirOptions.V4_DATASET_ID))
                .evaluate(scorer());
        assertThat(r.metric("NanoMSMARCO_R100_ndcg@10")).isCloseTo(MSMARCO_NDCG, within(1e-9));
        assertThat(r.metric("NanoBEIR_R100_mean_base_ndcg@10")).isCloseTo(MSMARCO_BASE_NDCG, within(1e-9));
    }

    @Test
    void unknownDatasetNamesAreRejectedListingTheValidOnes() {
        assertThatThrownBy(() -> options("msmarco", "wikiqa", "beir"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown NanoBEIR datasets wikiqa, beir")
                .hasMessageContaining("valid names: climatefever, dbpedia, fever, fiqa2018, hotpotqa, msmarco,"
                        + " nfcorpus, nq, quoraretrieval, scidocs, arguana, scifact, touche2020");
        assertThat(NanoBeirOptions.DEFAULT_DATASETS).hasSize(11).doesNotContain("arguana", "touche2020");
    }

    @Test
    void offlineWithoutCacheFailsClearlyAndOfflineWithCacheNeedsNoServer() throws Exception {
        hub.handler(nanoBeirEn());
        HubClient offline = new HubClient(
                HubOptions.of(hub.uri(), cache).withNetworkMode(NetworkMode.OFFLINE), DownloadListener.none());
        assertThatThrownBy(() -> NanoBeirEvaluator.load(offline, options("msmarco")))
                .isInstanceOfSatisfying(
                        HubException.class, e -> assertThat(e.kind()).isEqualTo(HubException.Kind.NOT_IN_CACHE))
                .hasMessageContaining("sentence-transformers/NanoBEIR-en")
                .hasMessageContaining("HF_HUB_OFFLINE");
        assertThat(hub.requests()).isEmpty();

        NanoBeirEvaluator.load(client(), options("msmarco"));
        int online = hub.requests().size();
        EvaluationResult r = NanoBeirEvaluator.load(offline, options("msmarco")).evaluate(scorer());
        assertThat(r.metric("NanoMSMARCO_R100_ndcg@10")).isCloseTo(MSMARCO_NDCG, within(1e-9));
        assertThat(hub.requests()).hasSize(online);
    }

    @Test
    void aSubsetWithoutTheNeededColumnsIsNamed() throws Exception {
        FakeRepo repo = nanoBeirEn();
        repo.add(
                "bm25/NanoNQ-00000-of-00001.parquet",
                parquet("bad", "SELECT * FROM (VALUES" + " ('q3', 'd6')) t(\"query-id\", \"doc\")"),
                true);
        hub.handler(repo);
        assertThatThrownBy(() -> NanoBeirEvaluator.load(client(), options("nq")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subset bm25, split NanoNQ of dataset sentence-transformers/NanoBEIR-en lacks the"
                        + " column(s) [corpus-ids]");
    }
}
