package dev.rerank4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rerank4j.loss.BinaryCrossEntropyLoss;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.model.TrainingAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native memory does not grow with the steps: the number of live NDArrays stays exactly the same, and so does the
 * resident memory not explained by the Java heap, over a run with evaluations and rotating checkpoints.
 */
@Tag("slow")
class SteadyMemoryTest {
    @TempDir
    Path tmp;

    @Test
    void liveArraysAndResidentMemoryStayFlatOverManySteps() throws IOException {
        Map<Long, long[]> samples = new TreeMap<>();
        try (CrossEncoder model = TinyTask.model(tmp.resolve("m"))) {
            TrainingArguments args = TinyTask.args(
                    tmp.resolve("out"),
                    Map.of(
                            "max_steps", 200,
                            "per_device_train_batch_size", 4,
                            "eval_strategy", "steps",
                            "eval_steps", 40,
                            "save_steps", 80,
                            "save_strategy", "steps",
                            "save_total_limit", 1,
                            "logging_steps", 25));
            CrossEncoderTrainer.builder(model, args)
                    .trainDataset(TrainingDataset.of("tiny", TinyTask.rows(64, 3), new BinaryCrossEntropyLoss()))
                    .evalDataset(TrainingDataset.of("dev", TinyTask.rows(24, 4), new BinaryCrossEntropyLoss()))
                    .listener(new TrainerListener() {
                        private long peakHeapKb;

                        @Override
                        public void onStepEnd(TrainerContext ctx) {
                            Runtime rt = Runtime.getRuntime();
                            peakHeapKb = Math.max(peakHeapKb, (rt.totalMemory() - rt.freeMemory()) >> 10);
                            long step = ctx.state().globalStep();
                            if (step == 50 || step == 120 || step == 199) {
                                // The heap touches fresh pages until its first collections; count them out.
                                samples.put(step, new long[] {liveArrays(ctx.model()), rssKb() - peakHeapKb});
                            }
                        }
                    })
                    .build()
                    .train();
        }
        long[] early = samples.get(50L);
        long[] late = samples.get(199L);
        assertThat(samples.get(120L)[0]).isEqualTo(early[0]);
        assertThat(late[0]).as("live NDArrays at step 199 vs step 50").isEqualTo(early[0]);
        assertThat(late[1] - early[1])
                .as("native memory growth (RSS - peak heap) in KB, step 50 to 199")
                .isLessThan(32 * 1024);
    }

    /** Every live array of the engine: those below the system manager that owns the model's manager. */
    private static long liveArrays(CrossEncoder model) {
        return TrainingAccess.manager(model)
                .getParentManager()
                .getManagedArrays()
                .size();
    }

    private static long rssKb() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst()
                    .orElseThrow();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status", e);
        }
    }
}
