package dev.rerank4j.mining;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rerank4j.ProgressMode;
import dev.rerank4j.TextPair;
import dev.rerank4j.embed.EmbeddingModel;
import dev.rerank4j.embed.EmbeddingOptions;
import dev.rerank4j.retrieval.HnswOptions;
import dev.rerank4j.testing.TinyEmbeddings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dense candidates (a static model built here: exact, HNSW, cached) and lexical BM25 candidates. */
class CandidateSourcesTest {
    @TempDir
    Path tmp;

    /** cat (1, 0), dog (.6, .8), mat (0, 1), city (-1, 0): cosine scores are read off the unit circle. */
    private EmbeddingModel model() {
        return EmbeddingModel.load(
                TinyEmbeddings.staticModel(
                        tmp.resolve("static"),
                        Map.of(
                                "cat", new float[] {1, 0},
                                "dog", new float[] {.6f, .8f},
                                "mat", new float[] {0, 1},
                                "city", new float[] {-1, 0}),
                        false),
                EmbeddingOptions.defaults());
    }

    private static final MiningData DATA =
            MiningData.of(List.of(new TextPair("cat", "dog"))).withCorpus(List.of("mat", "city", "cat cat", "dog"));
    private static final MiningOptions TWO =
            MiningOptions.defaults().withNumNegatives(2).withOutputScores(true);

    @Test
    void denseCandidatesScoreByCosineExactOrHnswAlike() {
        try (EmbeddingModel model = model()) {
            DenseCandidates exact = DenseCandidates.of(model).withProgress(ProgressMode.OFF);
            MinedDataset d = HardNegativeMiner.mineHardNegatives(DATA, exact, TWO);
            assertThat(d.values(0)).containsExactly("cat", "dog", "cat cat", List.of(.6f, 1f));
            assertThat(d.values(1)).containsExactly("cat", "dog", "mat", List.of(.6f, 0f));
            assertThat(d.report().source()).isEqualTo("dense " + model.source() + ", exact");
            MinedDataset h = HardNegativeMiner.mineHardNegatives(
                    DATA, exact.withSearch(new SearchMethod.Hnsw(HnswOptions.defaults())), TWO);
            assertThat(h.rows()).isEqualTo(d.rows());
            assertThat(h.report().source()).contains("hnsw (M=16");
        }
    }

    @Test
    void cachedEmbeddingsAreReusedWhenMiningAgain() {
        try (EmbeddingModel model = model()) {
            DenseCandidates cached =
                    DenseCandidates.of(model).withCache(tmp.resolve("cache")).withProgress(ProgressMode.OFF);
            MinedDataset first = HardNegativeMiner.mineHardNegatives(DATA, cached, TWO);
            assertThat(first.report().timings().cacheHits()).isZero();
            assertThat(first.report().timings().textsEncoded()).isEqualTo(5);
            MinedDataset again = HardNegativeMiner.mineHardNegatives(DATA, cached, TWO.withMinScore(-0.5));
            assertThat(again.report().timings().cacheHits())
                    .as("corpus and queries")
                    .isEqualTo(2);
            assertThat(again.report().timings().textsEncoded()).isZero();
            assertThat(again.rows()).isEqualTo(first.rows());
            MinedDataset prompted = HardNegativeMiner.mineHardNegatives(DATA, cached.withQueryPrompt("city "), TWO);
            assertThat(prompted.report().timings().cacheHits())
                    .as("only the corpus")
                    .isEqualTo(1);
        }
    }

    @Test
    void lexicalCandidatesRankByBm25WithStemming() {
        MiningData data = new MiningData(
                "query",
                "positive",
                List.of(new TextPair("cats on the mat", "a cat sat on a mat")),
                List.of(
                        "the cats sat on mats all day",
                        "dogs live in berlin",
                        "paris is the capital of france",
                        "one cat"));
        MinedDataset d = HardNegativeMiner.mineHardNegatives(
                data, LexicalCandidates.bm25(), MiningOptions.defaults().withOutputScores(true));
        List<String> negatives =
                d.rows().stream().map(r -> ((MinedRow.Triplet) r).negative()).toList();
        assertThat(negatives)
                .as("documents sharing no stem with the query are not candidates")
                .containsExactly("the cats sat on mats all day", "one cat");
        MinedRow.Triplet best = (MinedRow.Triplet) d.rows().get(0);
        assertThat(best.positiveScore()).isGreaterThan(0f);
        assertThat(best.negativeScore())
                .isGreaterThan(((MinedRow.Triplet) d.rows().get(1)).negativeScore());
        assertThat(d.report().anchorsShort()).isEqualTo(1);
        assertThat(d.report().source()).isEqualTo("lexical BM25 (k1=1.2, b=0.75)");
    }
}
