package dev.rerank4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rerank4j.Activation;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.TextPair;
import dev.rerank4j.data.Dataset;
import dev.rerank4j.data.Row;
import dev.rerank4j.loss.BinaryCrossEntropyLoss;
import dev.rerank4j.loss.MSELoss;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.model.TrainingAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluation, early stopping, the best model, several datasets and gradient accumulation. */
class TrainerFeaturesTest {
    @TempDir
    Path tmp;

    private final Dataset data = TinyTask.rows(32, 6);

    /** An evaluation that reports the given values of "score", one per call. */
    private static TrainingEvaluation scores(double... values) {
        Iterator<Double> it = Arrays.stream(values).boxed().iterator();
        return model -> Map.of("score", it.next());
    }

    @Test
    void earlyStoppingEndsTheRunAfterPatienceEvaluationsWithoutImprovement() throws IOException {
        try (CrossEncoder m = TinyTask.model(tmp.resolve("m"))) {
            TrainingArguments a = TinyTask.args(
                    tmp.resolve("out"),
                    Map.of(
                            "max_steps",
                            20,
                            "eval_strategy",
                            "steps",
                            "eval_steps",
                            2,
                            "metric_for_best_model",
                            "score",
                            "early_stopping_patience",
                            2));
            TrainingResult r = CrossEncoderTrainer.builder(m, a)
                    .trainDataset(TrainingDataset.of("tiny", data, new BinaryCrossEntropyLoss()))
                    .evaluation(scores(0.5, 0.6, 0.55, 0.58, 0.9))
                    .build()
                    .train();
            assertThat(r.stoppedEarly()).isTrue();
            assertThat(r.globalStep()).isEqualTo(6);
            List<Object> logged = r.logHistory().stream()
                    .filter(e -> e.containsKey("eval_score"))
                    .map(e -> e.get("step"))
                    .toList();
            assertThat(logged).containsExactly(0L, 2L, 4L, 6L);
        }
    }

    @Test
    void theBestCheckpointSurvivesRotationAndIsLoadedAtTheEnd() throws IOException {
        Path out = tmp.resolve("out");
        try (CrossEncoder m = TinyTask.model(tmp.resolve("m"))) {
            TrainingArguments a = TinyTask.args(
                    out,
                    Map.of(
                            "max_steps",
                            8,
                            "eval_strategy",
                            "steps",
                            "eval_steps",
                            2,
                            "save_strategy",
                            "steps",
                            "save_steps",
                            2,
                            "save_total_limit",
                            1,
                            "metric_for_best_model",
                            "score",
                            "load_best_model_at_end",
                            true));
            TrainingResult r = CrossEncoderTrainer.builder(m, a)
                    .trainDataset(TrainingDataset.of("tiny", data, new BinaryCrossEntropyLoss()))
                    .evaluation(scores(0.1, 0.5, 0.9, 0.2, 0.3))
                    .build()
                    .train();
            assertThat(new Checkpoints(out).list())
                    .extracting(Checkpoints::step)
                    .containsExactly(4L, 8L);
            assertThat(r.bestModel()).isEqualTo(out.resolve("best"));
            assertThat(Files.readString(out.resolve("checkpoint-8/trainer_state.json")))
                    .contains("\"best_global_step\" : 4", "\"best_metric\" : 0.9", "checkpoint-4");
            // each card reports the evaluation of the weights it describes
            assertThat(Files.readString(out.resolve("best/README.md")))
                    .contains("### Evaluation Results (step 4, the best checkpoint by score)\n\n- `eval_score`: 0.9")
                    .contains("- DJL: 0.36.0");
            assertThat(Files.readString(out.resolve("final/README.md"))).contains("### Evaluation Results (step 8)\n");
            float[] inMemory = TrainingAccess.parameters(m).values("classifier.weight");
            try (CrossEncoder best = CrossEncoder.load(out.resolve("checkpoint-4"));
                    CrossEncoder last = CrossEncoder.load(out.resolve("final"))) {
                assertThat(TrainingAccess.parameters(best).values("classifier.weight"))
                        .isEqualTo(inMemory);
                assertThat(TrainingAccess.parameters(last).values("classifier.weight"))
                        .isNotEqualTo(inMemory);
            }
        }
    }

    @Test
    void evalLossIsTheMeanLossOverTheEvaluationRows() throws IOException {
        Dataset dev = TinyTask.rows(10, 7);
        try (CrossEncoder m = TinyTask.model(tmp.resolve("m"))) {
            TrainingArguments a = TinyTask.args(
                    tmp.resolve("out"),
                    Map.of("max_steps", 3, "eval_strategy", "steps", "eval_steps", 3, "per_device_eval_batch_size", 4));
            TrainingResult r = CrossEncoderTrainer.builder(m, a)
                    .trainDataset(TrainingDataset.of("tiny", data, new BinaryCrossEntropyLoss()))
                    .evalDataset(TrainingDataset.of("dev", dev, new BinaryCrossEntropyLoss()))
                    .build()
                    .train();
            List<TextPair> pairs = new ArrayList<>();
            for (Row row : dev.rows()) {
                pairs.add(new TextPair(
                        (String) row.get(0).orElseThrow(), (String) row.get(1).orElseThrow()));
            }
            float[][] logits = m.predictLabels(pairs, PredictOptions.defaults().withActivation(Activation.IDENTITY));
            double expected = 0;
            for (int i = 0; i < logits.length; i++) {
                double x = logits[i][0];
                double y = ((Number) dev.row(i).get(2).orElseThrow()).doubleValue();
                expected += Math.log1p(Math.exp(x)) - x * y;
            }
            expected /= logits.length;
            double logged = r.logHistory().stream()
                    .filter(e -> e.containsKey("eval_loss") && e.get("step").equals(3L))
                    .mapToDouble(e -> ((Number) e.get("eval_loss")).doubleValue())
                    .findFirst()
                    .orElseThrow();
            assertThat(logged).isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void severalDatasetsEachWithItsLossAreInterleaved() throws IOException {
        Dataset scored = TinyTask.rows(16, 8).renameColumn("label", "score");
        try (CrossEncoder m = TinyTask.model(tmp.resolve("m"))) {
            TrainingArguments a = TinyTask.args(
                    tmp.resolve("out"), Map.of("num_train_epochs", 1, "multi_dataset_batch_sampler", "round_robin"));
            TrainingResult r = CrossEncoderTrainer.builder(m, a)
                    .trainDataset(TrainingDataset.of("bce", data, new BinaryCrossEntropyLoss()))
                    .trainDataset(TrainingDataset.of("mse", scored, new MSELoss()))
                    .build()
                    .train();
            assertThat(r.globalStep()).isEqualTo(4); // round robin: 2 batches of each (the smaller has 2)
            assertThat(Files.readString(r.finalModel().resolve("README.md")))
                    .contains("#### bce", "#### mse", "`MSELoss`", "- loss:BinaryCrossEntropyLoss");
        }
    }

    @Test
    void accumulatingTwoHalfBatchesEqualsOneFullBatch() throws IOException {
        Map<String, Object> common =
                Map.of("max_steps", 4, "hidden_dropout_prob", 0.0, "attention_probs_dropout_prob", 0.0);
        float[] full;
        float[] accumulated;
        try (CrossEncoder m = TinyTask.model(tmp.resolve("m1"))) {
            train(m, tmp.resolve("a"), common, Map.of("per_device_train_batch_size", 8));
            full = TrainingAccess.parameters(m).values("bert.encoder.layer.0.attention.self.query.weight");
        }
        try (CrossEncoder m = TinyTask.model(tmp.resolve("m2"))) {
            train(
                    m,
                    tmp.resolve("b"),
                    common,
                    Map.of("per_device_train_batch_size", 4, "gradient_accumulation_steps", 2));
            accumulated = TrainingAccess.parameters(m).values("bert.encoder.layer.0.attention.self.query.weight");
        }
        for (int i = 0; i < full.length; i++) {
            assertThat(accumulated[i]).isCloseTo(full[i], within(2e-6f));
        }
    }

    private void train(CrossEncoder m, Path out, Map<String, Object> common, Map<String, Object> more)
            throws IOException {
        Map<String, Object> all = new java.util.LinkedHashMap<>(common);
        all.putAll(more);
        CrossEncoderTrainer.builder(m, TinyTask.args(out, all))
                .trainDataset(TrainingDataset.of("tiny", data, new BinaryCrossEntropyLoss()))
                .build()
                .train();
    }

    @Test
    void datasetsThatDoNotFitTheirLossFailBeforeTraining() throws IOException {
        try (CrossEncoder m = TinyTask.model(tmp.resolve("m"))) {
            TrainingArguments a = TinyTask.args(tmp.resolve("out"), Map.of());
            Dataset extra = data.renameColumn("label", "relevance");
            assertThatThrownBy(() -> CrossEncoderTrainer.builder(m, a)
                            .trainDataset(TrainingDataset.of("tiny", extra, new BinaryCrossEntropyLoss()))
                            .build()
                            .train())
                    .hasMessage("dataset tiny (columns [query, document, relevance]; inputs [query, document,"
                            + " relevance], label none): BinaryCrossEntropyLoss expects 2 input columns (query,"
                            + " document), got 3. BinaryCrossEntropyLoss reads 2 input columns (query, document) and a"
                            + " label column with 1/0 or a score in [0, 1]; select, remove or rename columns, or give"
                            + " an explicit column mapping");
            assertThat(tmp.resolve("out")).doesNotExist();
            assertThatThrownBy(() -> CrossEncoderTrainer.builder(m, a.with("eval_strategy", "steps"))
                            .trainDataset(TrainingDataset.of("tiny", data, new BinaryCrossEntropyLoss()))
                            .build())
                    .hasMessageContaining("eval_strategy steps needs an evaluation dataset or an evaluation");
        }
    }
}
