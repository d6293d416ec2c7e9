package dev.rerank4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rerank4j.PredictOptions;
import dev.rerank4j.TextPair;
import dev.rerank4j.data.Dataset;
import dev.rerank4j.loss.BinaryCrossEntropyLoss;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.model.TrainingAccess;
import dev.rerank4j.testing.TinyModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training with dropout next to a server scoring in the same JVM ends with bitwise the weights it ends with alone:
 * each step's dropout masks come from its own seed under the runtime's generator lock, and inference neither draws
 * from nor reseeds libtorch's generator. (Two trainings at once are not supported: DJL allows one gradient
 * collector per process.)
 */
class ConcurrentTrainingTest {
    @TempDir
    Path tmp;

    private final Dataset data = TinyTask.rows(40, 2);

    private Map<String, float[]> train(String name, long seed) {
        try (CrossEncoder m = TinyTask.model(tmp.resolve(name))) {
            CrossEncoderTrainer.builder(
                            m, TinyTask.args(tmp.resolve(name + "-out"), Map.of("seed", seed, "num_train_epochs", 1)))
                    .trainDataset(TrainingDataset.of("tiny", data, new BinaryCrossEntropyLoss()))
                    .build()
                    .train();
            Map<String, float[]> out = new LinkedHashMap<>();
            TrainingAccess.parameters(m).all().forEach((k, v) -> out.put(k, v.toFloatArray()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void trainingNextToScoringGivesTheWeightsOfATrainingAlone() throws Exception {
        Map<String, float[]> aloneA = train("a0", 1);
        List<TextPair> pairs = List.of(new TextPair("what is berlin", "berlin is good and the cat"));
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (CrossEncoder scorer = CrossEncoder.load(TinyModels.reranker(tmp.resolve("s"), Architecture.BERT))) {
            float[][] expected = scorer.predictLabels(pairs, PredictOptions.defaults());
            Future<Integer> scoring = pool.submit(() -> {
                int n = 0;
                while (!done.get()) {
                    assertThat(scorer.predictLabels(pairs, PredictOptions.defaults()))
                            .isDeepEqualTo(expected);
                    n++;
                }
                return n;
            });
            Future<Integer> scoring2 = pool.submit(() -> {
                int n = 0;
                while (!done.get()) {
                    scorer.predictLabels(pairs, PredictOptions.defaults());
                    n++;
                }
                return n;
            });
            Future<Map<String, float[]>> a = pool.submit(() -> train("a1", 1));
            Map<String, float[]> concurrentA = a.get();
            done.set(true);
            assertThat(scoring.get()).isPositive();
            assertThat(scoring2.get()).isPositive();
            assertThat(concurrentA).containsOnlyKeys(aloneA.keySet());
            aloneA.forEach((k, v) -> assertThat(concurrentA.get(k)).as(k).isEqualTo(v));
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
    }
}
