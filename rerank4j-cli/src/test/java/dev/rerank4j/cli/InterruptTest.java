package dev.rerank4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.recipe.TinyRecipe;
import dev.rerank4j.testing.TinyModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real signal to a real {@code rerank4j} process: the command stops at a safe point, exits with 128 + the signal
 * number, leaves no crash log ({@code hs_err_pid*.log}) and no partial file, and an interrupted training resumes from
 * the checkpoint its message names.
 */
class InterruptTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_WITHIN = Duration.ofSeconds(45);
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void trainingStopsAfterAStepWritesItsCheckpointAndResumesFromIt(String signal) throws Exception {
        Path model = TinyModels.write(tmp.resolve("model"), Architecture.BERT, TinyModels.Checkpoint.BASE_MODEL, 1, 3);
        Path data = trainingData(tmp.resolve("train.tsv"));
        Path out = tmp.resolve("out");
        Path config = Files.writeString(tmp.resolve("train.yaml"), """
                model: %s
                train_dataset:
                  path: %s
                  column_names: [query, document, label]
                loss: BinaryCrossEntropyLoss
                output_dir: %s
                max_steps: 150
                per_device_train_batch_size: 4
                learning_rate: 1.0e-3
                logging_steps: 1
                save_steps: 1000
                disable_tqdm: true
                """.formatted(model, data, out));
        Path log = tmp.resolve("train.log");
        Process p = start(log, "train", "--config", config.toString());
        Path metrics = out.resolve("metrics.jsonl");
        awaitReady(p, log, () -> lines(metrics).stream().anyMatch(l -> l.contains("\"loss\"")));
        if (signal.equals("INT") && ignoresSigint(p.pid())) {
            p.destroyForcibly().waitFor();
            // A background job of a non-interactive shell starts with SIGINT ignored and, as every Unix program
            // should, keeps ignoring it: there is nothing to test then.
            Assumptions.abort("this test runs as a background job: its processes ignore SIGINT");
        }

        int code = stop(p, signal);

        String output = Files.readString(log);
        assertThat(code).as(output).isEqualTo(signal.equals("TERM") ? 143 : 130);
        assertThat(crashLogs()).as(output).isEmpty();
        Matcher m = Pattern.compile("rerank4j train: stopped on SIG" + signal + " after step (\\d+) of 150; checkpoint"
                        + " (\\S+) holds this step; resume with: (.+)")
                .matcher(output);
        assertThat(m.find()).as(output).isTrue();
        long step = Long.parseLong(m.group(1));
        Path checkpoint = Path.of(m.group(2));
        assertThat(step).isBetween(1L, 149L);
        assertThat(checkpoint).isEqualTo(out.resolve("checkpoint-" + step));
        assertThat(JSON.readTree(checkpoint.resolve("trainer_state.json").toFile())
                        .get("global_step")
                        .asLong())
                .isEqualTo(step);
        assertThat(out.resolve("final")).doesNotExist();
        List<String> resume = Arrays.asList(m.group(3).split(" "));
        assertThat(resume.subList(0, 4)).containsExactly("rerank4j", "train", "--config", config.toString());
        assertThat(resume.subList(resume.size() - 2, resume.size()))
                .containsExactly("--resume_from_checkpoint", checkpoint.toString());

        int resumed = Main.run(resume.subList(1, resume.size()).toArray(String[]::new));

        assertThat(resumed).as(console.err()).isZero();
        assertThat(console.err()).contains("rerank4j: trained 150 steps");
        assertThat(out.resolve("final/model.safetensors")).isRegularFile();
        List<String> logged = lines(metrics);
        Pattern next = Pattern.compile("\"step\":" + (step + 1) + "[,}]");
        assertThat(logged.stream().filter(l -> next.matcher(l).find()))
                .as("the resumed run logs the step after the checkpoint")
                .isNotEmpty();
    }

    @Test
    void predictStopsBetweenBatchesAndWritesNoOutput() throws Exception {
        Path model = TinyModels.reranker(tmp.resolve("model"), Architecture.BERT);
        Path input = tmp.resolve("pairs.jsonl");
        try (var w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 100_000; i++) {
                w.write("{\"query\": \"what is item " + i + "\", \"document\": \"item " + i + " is a cat\"}\n");
            }
        }
        Path outDir = tmp.resolve("scores");
        Path log = tmp.resolve("predict.log");
        // one pair per batch: scoring lasts minutes, so the signal always lands in it
        Process p = start(
                log,
                "predict",
                "--model",
                model.toString(),
                "--input",
                input.toString(),
                "--output",
                outDir.resolve("scores.jsonl").toString(),
                "--batch-size",
                "1",
                "--no-progress");
        awaitReady(p, log, () -> libtorchLoaded(p));

        int code = stop(p, "TERM");

        String output = Files.readString(log);
        assertThat(code).as(output).isEqualTo(143);
        assertThat(output).contains("rerank4j predict: stopped on SIGTERM");
        assertThat(crashLogs()).as(output).isEmpty();
        try (Stream<Path> files = Files.exists(outDir) ? Files.list(outDir) : Stream.empty()) {
            assertThat(files).as("no output and no temporary file").isEmpty();
        }
    }

    @Test
    void aRecipeStoppedInTrainingKeepsItsMinedDataAndTheNextRunReusesIt() throws Exception {
        Path config = TinyRecipe.config(tmp, "");
        Path log = tmp.resolve("recipe.log");
        // a training run that lasts minutes, so the signal lands in it
        Process p = start(log, "recipe", "--config", config.toString(), "--train.max_steps", "100000");
        awaitReady(p, log, () -> lines(log).stream().anyMatch(l -> l.contains("recipe: train: running")));

        int code = stop(p, "TERM");

        String output = Files.readString(log);
        assertThat(code).as(output).isEqualTo(143);
        assertThat(crashLogs()).as(output).isEmpty();
        Path run = tmp.resolve("run");
        List<Path> mined;
        try (Stream<Path> files = Files.walk(run.resolve("mined"))) {
            mined = files.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(mined).extracting(f -> f.getFileName().toString()).contains("train.jsonl", "eval.jsonl");
        List<FileTime> minedAt = new ArrayList<>();
        for (Path f : mined) {
            minedAt.add(Files.getLastModifiedTime(f));
        }

        int again = Main.run(new String[] {"recipe", "--config", config.toString(), "--train.max_steps", "4"});

        assertThat(again).as(console.err()).isZero();
        assertThat(console.err()).contains("mine-train: reused (", "mine-eval: reused (");
        assertThat(console.err()).doesNotContain("mine-train: running", "mine-eval: running");
        for (int i = 0; i < mined.size(); i++) {
            assertThat(Files.getLastModifiedTime(mined.get(i)))
                    .as(mined.get(i).toString())
                    .isEqualTo(minedAt.get(i));
        }
        assertThat(run.resolve("report.html")).isRegularFile();
    }

    private static Path trainingData(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        String[] topics = {"berlin", "paris", "cat", "dog"};
        for (int i = 0; i < 200; i++) {
            String t = topics[i % 4];
            String o = topics[(i + 1) % 4];
            lines.add("what is " + t + "\t" + (i % 2 == 0 ? t + " is good" : o + " is bad") + "\t"
                    + (i % 2 == 0 ? 1 : 0));
        }
        return Files.write(file, lines);
    }

    /** {@code java -cp <this test's classpath> dev.rerank4j.cli.Main args...} in {@link #tmp}, output into log. */
    private Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.log.ai.djl=error",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .directory(tmp.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Waits until the process is at work (ready), failing with its output if it exits or takes too long. */
    /** Whether a process ignores SIGINT ({@code SigIgn} in {@code /proc/PID/status}, bit 2 for signal 2). */
    private static boolean ignoresSigint(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(
                                        line.substring("SigIgn:".length()).trim(), 16)
                                & 0x2)
                        != 0;
            }
        }
        return false;
    }

    private static void awaitReady(Process p, Path log, BooleanSupplier ready) throws Exception {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (!ready.getAsBoolean()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(
                        "the command did not start working (exit " + p.exitValue() + "):\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
    }

    /** Sends SIGTERM ({@link Process#destroy()}) or SIGINT ({@code kill -INT}) and returns the exit code. */
    private static int stop(Process p, String signal) throws Exception {
        if (signal.equals("TERM")) {
            p.destroy();
        } else {
            int kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            assertThat(kill).isZero();
        }
        if (!p.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("no exit within " + EXIT_WITHIN + " of SIG" + signal);
        }
        return p.exitValue();
    }

    /** Whether the process mapped libtorch: its engine is up, so the model is loading or scoring. */
    private static boolean libtorchLoaded(Process p) {
        return lines(Path.of("/proc", Long.toString(p.pid()), "maps")).stream()
                .anyMatch(l -> l.contains("libtorch_cpu"));
    }

    private List<Path> crashLogs() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(f -> f.getFileName().toString().startsWith("hs_err_pid"))
                    .toList();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of(); // not written yet
        }
    }
}
