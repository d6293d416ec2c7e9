package dev.rerank4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rerank4j.data.Dataset;
import dev.rerank4j.loss.BinaryCrossEntropyLoss;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.model.TrainingAccess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLoopTest {
    @TempDir
    Path tmp;

    @Test
    void lossFallsOnATinyTask() throws Exception {
        Dataset data = TinyTask.rows(96, 1);
        try (CrossEncoder model = TinyTask.model(tmp.resolve("model"))) {
            TrainingArguments args = TinyTask.args(tmp.resolve("out"), Map.of("num_train_epochs", 4));
            TrainingResult r = CrossEncoderTrainer.builder(model, args)
                    .trainDataset(TrainingDataset.of("tiny", data, new BinaryCrossEntropyLoss()))
                    .build()
                    .train();
            List<Double> losses = r.logHistory().stream()
                    .filter(e -> e.containsKey("loss"))
                    .map(e -> ((Number) e.get("loss")).doubleValue())
                    .toList();
            r.logHistory().forEach(System.out::println);
            assertThat(r.globalStep()).isEqualTo(48);
            assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0) * 0.5);
            // the trained model is an inference model again: scoring on any thread records no autograd graph
            assertThat(TrainingAccess.parameters(model).all().values())
                    .isNotEmpty()
                    .noneMatch(ai.djl.ndarray.NDArray::hasGradient);
        }
    }
}
