package dev.rerank4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.TextPair;
import dev.rerank4j.data.Dataset;
import dev.rerank4j.loss.BinaryCrossEntropyLoss;
import dev.rerank4j.model.CrossEncoder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A causal-LM reranker (the tiny Qwen3ForCausalLM fixture, scored through LogitScore) trains through the ordinary
 * trainer: all weights, the tied embeddings' yes/no rows included, move, and the BCE loss falls.
 */
class Qwen3TrainingTest {
    @TempDir
    Path tmp;

    @Test
    void bceTrainingLowersTheLossOfACausalLmReranker() throws URISyntaxException, java.io.IOException {
        Path dir = Path.of(getClass().getResource("/fixtures/qwen3/causal").toURI());
        List<TextPair> pairs = List.of(
                new TextPair("how many people live in berlin?", "berlin is the capital of germany."),
                new TextPair("how many people live in berlin?", "the cat sat on the mat."),
                new TextPair("what is the capital of france?", "paris is the capital of france."),
                new TextPair("what is the capital of france?", "the dog sat on the mat and the cat sat too."));
        float[] labels = {1, 0, 1, 0};
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            rows.add(List.of(pairs.get(i).query(), pairs.get(i).document(), (double) labels[i]));
        }
        Dataset data = Dataset.fromRows("qwen3", List.of("query", "document", "label"), rows);
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            double before = bce(model, pairs, labels);
            TrainingArguments args = TinyTask.args(
                    tmp.resolve("out"),
                    Map.of("max_steps", 12, "per_device_train_batch_size", 4, "learning_rate", 1e-3));
            CrossEncoderTrainer.builder(model, args)
                    .trainDataset(TrainingDataset.of("qwen3", data, new BinaryCrossEntropyLoss()))
                    .build()
                    .train();
            double after = bce(model, pairs, labels);
            assertThat(after).as("BCE after 12 steps (%.4f before)", before).isLessThan(before * 0.5);
            try (CrossEncoder saved = CrossEncoder.load(tmp.resolve("out/final"))) {
                assertThat(saved.predict(pairs)).containsExactly(model.predict(pairs));
            }
        }
    }

    private static double bce(CrossEncoder model, List<TextPair> pairs, float[] labels) {
        float[] p = model.predict(pairs, PredictOptions.defaults().withProgress(ProgressMode.OFF));
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum -= labels[i] * Math.log(p[i]) + (1 - labels[i]) * Math.log(1 - p[i]);
        }
        return sum / p.length;
    }
}
