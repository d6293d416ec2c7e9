package dev.rerank4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.TextPair;
import dev.rerank4j.embed.EmbeddingModel;
import dev.rerank4j.embed.EmbeddingOptions;
import dev.rerank4j.embed.EncodeOptions;
import dev.rerank4j.loss.BinaryCrossEntropyLoss;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.testing.RecordingProgress;
import dev.rerank4j.testing.TinyModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress goes to the listener in the options, with the right totals; by default the library prints nothing. */
class ProgressInjectionTest {
    @TempDir
    Path tmp;

    private static final List<TextPair> PAIRS = IntStream.range(0, 50)
            .mapToObj(i -> new TextPair("what is berlin " + i, "berlin is good and the cat ".repeat(1 + i % 5)))
            .toList();
    private static final List<String> TEXTS =
            PAIRS.stream().map(TextPair::document).toList();

    @Test
    void scoringReportsEveryPairToTheListener() {
        RecordingProgress progress = new RecordingProgress(false);
        try (CrossEncoder model = CrossEncoder.load(TinyModels.reranker(tmp.resolve("m"), Architecture.BERT))) {
            model.predict(
                    PAIRS,
                    PredictOptions.defaults()
                            .withBatchSize(8)
                            .withProgress(ProgressMode.ON)
                            .withListener(progress));
            // AUTO reports only to an interactive listener.
            model.predict(PAIRS, PredictOptions.defaults().withBatchSize(8).withListener(progress));
        }
        assertThat(progress.tasks()).hasSize(1);
        RecordingProgress.Recorded task = progress.tasks().get(0);
        assertThat(task.name).isEqualTo("Scoring");
        assertThat(task.unit).isEqualTo("pairs");
        assertThat(task.total).isEqualTo(50);
        assertThat(task.steps()).isEqualTo(50);
        assertThat(task.stepCalls()).isEqualTo(7);
        assertThat(task.closed()).isEqualTo(1);
    }

    @Test
    void encodingReportsEveryTextToTheListener() {
        RecordingProgress interactive = new RecordingProgress(true);
        try (EmbeddingModel model = EmbeddingModel.load(
                TinyModels.write(tmp.resolve("e"), Architecture.BERT, TinyModels.Checkpoint.BASE_MODEL, 1, 3),
                EmbeddingOptions.defaults())) {
            model.encode(TEXTS, EncodeOptions.defaults().withBatchSize(4).withListener(interactive));
        }
        assertThat(interactive.tasks()).hasSize(1);
        RecordingProgress.Recorded task = interactive.tasks().get(0);
        assertThat(task.name).isEqualTo("Encoding");
        assertThat(task.unit).isEqualTo("texts");
        assertThat(task.total).isEqualTo(50);
        assertThat(task.steps()).isEqualTo(50);
        assertThat(task.stepCalls()).isEqualTo(13);
        assertThat(task.closed()).isEqualTo(1);
    }

    @Test
    void trainingReportsEveryStepWithItsLossToTheListener() throws Exception {
        RecordingProgress progress = new RecordingProgress(false);
        TrainingResult result;
        try (CrossEncoder model = TinyTask.model(tmp.resolve("t"))) {
            result = CrossEncoderTrainer.builder(
                            model,
                            TinyTask.args(tmp.resolve("out"), Map.of("disable_tqdm", false, "num_train_epochs", 1)))
                    .trainDataset(TrainingDataset.of("tiny", TinyTask.rows(24, 2), new BinaryCrossEntropyLoss()))
                    .progress(progress)
                    .build()
                    .train();
        }
        assertThat(result.globalStep()).isEqualTo(3);
        assertThat(progress.tasks()).hasSize(1);
        RecordingProgress.Recorded task = progress.tasks().get(0);
        assertThat(task.name).isEqualTo("Training");
        assertThat(task.unit).isEqualTo("steps");
        assertThat(task.total).isEqualTo(3);
        assertThat(task.steps()).isEqualTo(3);
        assertThat(task.status()).startsWith("loss ");
        assertThat(task.closed()).isEqualTo(1);
    }

    @Test
    void scoringAndEncodingWithTheDefaultOptionsWriteNothingToStandardError() {
        try (CrossEncoder model = CrossEncoder.load(TinyModels.reranker(tmp.resolve("m"), Architecture.BERT));
                EmbeddingModel embedder = EmbeddingModel.load(
                        TinyModels.write(tmp.resolve("e"), Architecture.BERT, TinyModels.Checkpoint.BASE_MODEL, 1, 3),
                        EmbeddingOptions.defaults())) {
            PrintStream saved = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                model.predict(PAIRS, PredictOptions.defaults().withBatchSize(2).withProgress(ProgressMode.ON));
                embedder.encode(TEXTS, EncodeOptions.defaults().withBatchSize(2).withProgress(ProgressMode.ON));
            } finally {
                System.setErr(saved);
            }
            assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
        }
    }
}
