package dev.rerank4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rerank4j.TextPair;
import dev.rerank4j.io.Safetensors;
import dev.rerank4j.model.CrossEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real training process at random moments, while it writes a checkpoint after every step: every
 * {@code checkpoint-N} left behind is complete and loadable, and training resumes from the newest.
 */
@Tag("slow")
class KillDuringCheckpointTest {
    @TempDir
    Path tmp;

    @Test
    void everyCheckpointLeftByAKillIsCompleteAndTrainingResumes() throws Exception {
        Path model = tmp.resolve("model");
        Path out = tmp.resolve("out");
        SplittableRandom random = new SplittableRandom(11);
        long newest = 0;
        for (int kill = 0; kill < 3; kill++) {
            Process p = child(model, out, 100_000, kill > 0, "run" + kill);
            long seen = newest;
            waitFor(() -> newestStep(out) >= seen + 2, p, 90);
            Thread.sleep(random.nextInt(150));
            p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            List<Path> checkpoints = new Checkpoints(out).list();
            assertThat(checkpoints).isNotEmpty();
            for (Path c : checkpoints) {
                assertComplete(c);
            }
            newest = newestStep(out);
        }
        Process finish = child(model, out, (int) newest + 2, true, "finish");
        assertThat(finish.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(finish.exitValue())
                .as(Files.readString(tmp.resolve("finish.log")))
                .isZero();
        assertThat(out.resolve("final/model.safetensors")).isRegularFile();
        JsonNode state = TrainerState.JSON.readTree(out.resolve("checkpoint-" + (newest + 2) + "/trainer_state.json")
                .toFile());
        assertThat(state.path("global_step").asLong()).isEqualTo(newest + 2);
    }

    private void assertComplete(Path checkpoint) throws IOException {
        long step = Checkpoints.step(checkpoint);
        try (CrossEncoder loaded = CrossEncoder.load(checkpoint)) {
            assertThat(loaded.predict(new TextPair("what is paris", "paris is good")))
                    .isFinite();
        }
        assertThat(Safetensors.readHeader(checkpoint.resolve(CheckpointWriter.OPTIMIZER))
                        .metadata())
                .containsEntry("step", Long.toString(step));
        assertThat(TrainerState.JSON
                        .readTree(checkpoint
                                .resolve(TrainerStateFile.TRAINER_STATE)
                                .toFile())
                        .path("global_step")
                        .asLong())
                .isEqualTo(step);
        assertThat(checkpoint.resolve(TrainerStateFile.PROGRESS)).isRegularFile();
    }

    private Process child(Path model, Path out, int maxSteps, boolean resume, String log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                KillTarget.class.getName(),
                model.toString(),
                out.toString(),
                Integer.toString(maxSteps),
                Boolean.toString(resume)));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve(log + ".log").toFile())
                .start();
    }

    private static long newestStep(Path out) {
        try {
            List<Path> all = new Checkpoints(out).list();
            return all.isEmpty() ? 0 : Checkpoints.step(all.get(all.size() - 1));
        } catch (IOException e) {
            return 0; // a rotation deleted a directory while it was listed: ask again
        }
    }

    private void waitFor(java.util.function.BooleanSupplier condition, Process p, int seconds)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (!p.isAlive()) {
                throw new AssertionError("the training process ended early (exit " + p.exitValue() + ")");
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("no new checkpoints within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }
}
