package dev.rerank4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.TextPair;
import dev.rerank4j.testing.TinyModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two models scoring at once in one JVM each give exactly (bitwise) the scores they give alone. */
class ConcurrentScoringTest {
    @TempDir
    Path tmp;

    static List<TextPair> pairs(int n, long seed) {
        List<String> words = List.of("berlin", "paris", "cat", "dog", "is", "the", "good", "bad", "mat", "what");
        SplittableRandom r = new SplittableRandom(seed);
        List<TextPair> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder q = new StringBuilder();
            StringBuilder d = new StringBuilder();
            for (int w = 1 + r.nextInt(4); w > 0; w--) {
                q.append(words.get(r.nextInt(words.size()))).append(' ');
            }
            for (int w = 1 + r.nextInt(30); w > 0; w--) {
                d.append(words.get(r.nextInt(words.size()))).append(' ');
            }
            out.add(new TextPair(q.toString().trim(), d.toString().trim()));
        }
        return out;
    }

    @Test
    void twoModelsScoringConcurrentlyGiveTheirScoresAlone() throws Exception {
        List<TextPair> pairs = pairs(200, 1);
        PredictOptions options = PredictOptions.defaults().withBatchSize(8);
        try (CrossEncoder bert = CrossEncoder.load(TinyModels.reranker(tmp.resolve("bert"), Architecture.BERT));
                CrossEncoder electra = CrossEncoder.load(
                        TinyModels.write(
                                tmp.resolve("electra"), Architecture.ELECTRA, TinyModels.Checkpoint.WITH_HEAD, 2, 11),
                        CrossEncoderOptions.defaults())) {
            float[][] bertAlone = bert.predictLabels(pairs, options);
            float[][] electraAlone = electra.predictLabels(pairs, options);
            assertThat(bertAlone[0]).hasSize(1);
            assertThat(electraAlone[0]).hasSize(2);

            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<float[][]>> bertRuns = new ArrayList<>();
                List<Future<float[][]>> electraRuns = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    bertRuns.add(pool.submit(() -> bert.predictLabels(pairs, options)));
                    electraRuns.add(pool.submit(() -> electra.predictLabels(pairs, options)));
                }
                for (Future<float[][]> f : bertRuns) {
                    assertThat(f.get()).isDeepEqualTo(bertAlone);
                }
                for (Future<float[][]> f : electraRuns) {
                    assertThat(f.get()).isDeepEqualTo(electraAlone);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
