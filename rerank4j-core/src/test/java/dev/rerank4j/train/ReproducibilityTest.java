package dev.rerank4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rerank4j.data.Dataset;
import dev.rerank4j.loss.BinaryCrossEntropyLoss;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.model.TrainingAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed, same weights; a stopped and resumed run ends where an uninterrupted one does; failed saves are harmless. */
class ReproducibilityTest {
    @TempDir
    Path tmp;

    private final Dataset data = TinyTask.rows(40, 2);

    /** 8 steps of 2 accumulated batches, dropout on, checkpoints every 3 steps, logs every 2. */
    private TrainingArguments args(String out, Map<String, ?> more) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_steps", 8);
        m.put("per_device_train_batch_size", 4);
        m.put("gradient_accumulation_steps", 2);
        m.put("warmup_ratio", 0.25);
        m.put("weight_decay", 0.01);
        m.put("logging_steps", 2);
        m.put("save_strategy", "steps");
        m.put("save_steps", 3);
        m.putAll(more);
        return TinyTask.args(tmp.resolve(out), m);
    }

    private TrainingResult train(CrossEncoder model, TrainingArguments a, TrainerListener... listeners)
            throws IOException {
        CrossEncoderTrainer.Builder b = CrossEncoderTrainer.builder(model, a)
                .trainDataset(TrainingDataset.of("tiny", data, new BinaryCrossEntropyLoss()));
        for (TrainerListener l : listeners) {
            b.listener(l);
        }
        return b.build().train();
    }

    private static Map<String, float[]> weights(CrossEncoder model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        TrainingAccess.parameters(model).all().forEach((k, v) -> out.put(k, v.toFloatArray()));
        return out;
    }

    private static double maxDiff(Map<String, float[]> a, Map<String, float[]> b) {
        double max = 0;
        for (String k : a.keySet()) {
            float[] x = a.get(k);
            float[] y = b.get(k);
            for (int i = 0; i < x.length; i++) {
                max = Math.max(max, Math.abs(x[i] - y[i]));
            }
        }
        return max;
    }

    @Test
    void theSameSeedGivesBitwiseTheSameWeights() throws IOException {
        Map<String, float[]> first;
        Map<String, float[]> second;
        Map<String, float[]> otherSeed;
        try (CrossEncoder m = TinyTask.model(tmp.resolve("m1"))) {
            train(m, args("a", Map.of("save_strategy", "no")));
            first = weights(m);
        }
        try (CrossEncoder m = TinyTask.model(tmp.resolve("m2"))) {
            train(m, args("b", Map.of("save_strategy", "no")));
            second = weights(m);
        }
        try (CrossEncoder m = TinyTask.model(tmp.resolve("m3"))) {
            train(m, args("c", Map.of("seed", 7, "save_strategy", "no")));
            otherSeed = weights(m);
        }
        assertThat(maxDiff(first, second)).isZero();
        assertThat(maxDiff(first, otherSeed)).isGreaterThan(1e-4);
    }

    @Test
    void aRunStoppedAndResumedEndsWithTheWeightsOfAnUninterruptedRun() throws IOException {
        Map<String, float[]> uninterrupted;
        List<Map<String, Object>> fullLog;
        try (CrossEncoder m = TinyTask.model(tmp.resolve("m1"))) {
            fullLog = train(m, args("full", Map.of())).logHistory();
            uninterrupted = weights(m);
        }
        try (CrossEncoder m = TinyTask.model(tmp.resolve("m2"))) {
            TrainingResult stopped = train(m, args("parts", Map.of()), new StopAt(5));
            assertThat(stopped.globalStep()).isEqualTo(5);
            assertThat(stopped.stoppedEarly()).isTrue();
        }
        assertThat(tmp.resolve("parts/checkpoint-3")).isDirectory();
        try (CrossEncoder m = TinyTask.model(tmp.resolve("m3"))) {
            TrainingResult resumed = train(m, args("parts", Map.of("resume_from_checkpoint", true)));
            assertThat(resumed.globalStep()).isEqualTo(8);
            assertThat(maxDiff(uninterrupted, weights(m))).isLessThanOrEqualTo(1e-6);
            assertThat(losses(resumed.logHistory())).isEqualTo(losses(fullLog));
        }
    }

    @Test
    void aCheckpointThatFailsHalfWrittenLeavesThePreviousOneLoadable() throws IOException {
        Path out = tmp.resolve("out");
        try (CrossEncoder m = TinyTask.model(tmp.resolve("m1"))) {
            CrossEncoderTrainer trainer = CrossEncoderTrainer.builder(m, args("out", Map.of()))
                    .trainDataset(TrainingDataset.of("tiny", data, new BinaryCrossEntropyLoss()))
                    .checkpointHook(dir -> {
                        if (dir.getFileName().toString().contains("checkpoint-6")) {
                            throw new IOException("disk full (simulated) while writing " + dir);
                        }
                    })
                    .build();
            assertThatThrownBy(trainer::train).hasMessageContaining("disk full (simulated)");
        }
        try (Stream<Path> entries = Files.list(out)) {
            assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> n.contains("checkpoint")))
                    .containsExactly("checkpoint-3");
        }
        Path previous = out.resolve("checkpoint-3");
        try (CrossEncoder loaded = CrossEncoder.load(previous)) {
            assertThat(loaded.predict(List.of(new dev.rerank4j.TextPair("what is paris", "paris is good"))))
                    .hasSize(1);
        }
        assertThat(previous.resolve(CheckpointWriter.OPTIMIZER)).isRegularFile();
        try (CrossEncoder m = TinyTask.model(tmp.resolve("m2"))) {
            assertThat(train(m, args("out", Map.of("resume_from_checkpoint", true)))
                            .globalStep())
                    .isEqualTo(8);
        }
    }

    private static List<Object> losses(List<Map<String, Object>> log) {
        return log.stream()
                .filter(e -> e.containsKey("loss"))
                .map(e -> e.get("loss"))
                .toList();
    }

    /** Stops the run after a given step. */
    private record StopAt(long step) implements TrainerListener {
        @Override
        public void onStepEnd(TrainerContext ctx) {
            if (ctx.state().globalStep() == step) {
                ctx.requestStop("test stop at step " + step);
            }
        }
    }
}
