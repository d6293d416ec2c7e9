package dev.rerank4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rerank4j.model.Architecture;
import dev.rerank4j.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error contract of {@code rerank4j train} around checkpoints (issue 15): a damaged checkpoint file is one line
 * naming it; a resume that is no longer an exact continuation says what changed; a resume with nothing left says so
 * instead of "0.0 samples/s"; the leftovers of a killed run are removed by the next one.
 */
class TrainErrorContractTest {
    @TempDir
    Path tmp;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    private Path config;
    private Path out;

    @BeforeEach
    void setUp() throws Exception {
        // A model with its head: a base model would log (INFO) that it gets a fresh one, on every run.
        Path model = TinyModels.reranker(tmp.resolve("model"), Architecture.BERT);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            lines.add("what is " + i + "\t" + (i % 2 == 0 ? "it is " + i : "not " + i) + "\t" + (i % 2 == 0 ? 1 : 0));
        }
        Path data = Files.write(tmp.resolve("train.tsv"), lines);
        out = tmp.resolve("out");
        config = Files.writeString(tmp.resolve("train.yaml"), """
                model: %s
                train_dataset:
                  path: %s
                  column_names: [query, document, label]
                loss: BinaryCrossEntropyLoss
                output_dir: %s
                max_steps: 4
                per_device_train_batch_size: 4
                save_steps: 2
                disable_tqdm: true
                """.formatted(model, data, out));
    }

    private int train(String... overrides) {
        List<String> args = new ArrayList<>(List.of("train", "--config", config.toString()));
        args.addAll(List.of(overrides));
        return Main.run(args.toArray(String[]::new));
    }

    @Test
    void aDamagedTrainerStateIsOneLineNamingTheFileAndTheWayOut() throws Exception {
        assertThat(train()).as(console.err()).isZero();
        Path state = out.resolve("checkpoint-2/trainer_state.json");
        byte[] all = Files.readAllBytes(state);
        Files.write(state, java.util.Arrays.copyOf(all, all.length / 2));
        console.reset();
        int code = train("--resume_from_checkpoint", out.resolve("checkpoint-2").toString());
        List<String> lines = console.err().lines().toList();
        assertThat(code).as(console.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(lines).as(console.err()).hasSize(1);
        assertThat(lines.get(0))
                .contains("checkpoint-2/trainer_state.json:", ": not valid JSON (Unexpected end-of-input")
                .contains("resume from another checkpoint, or delete this one")
                .doesNotContain("Source:", "REDACTED");
    }

    @Test
    void aResumeWithOtherSettingsSaysWhatChanged() throws Exception {
        assertThat(train()).as(console.err()).isZero();
        console.reset();
        int code = train(
                "--resume_from_checkpoint",
                out.resolve("checkpoint-2").toString(),
                "--per_device_train_batch_size",
                "2",
                "--logging_steps",
                "1");
        assertThat(code).as(console.err()).isZero();
        assertThat(console.err())
                .contains("resuming from " + out.resolve("checkpoint-2") + " with changes: per_device_train_batch_size"
                        + " 4 -> 2; the run is no longer an exact continuation of the interrupted one")
                .as("logging settings do not change the weights")
                .doesNotContain("logging_steps");
    }

    @Test
    void anExactResumeSaysNothingAboutChanges() throws Exception {
        assertThat(train()).as(console.err()).isZero();
        console.reset();
        assertThat(train("--resume_from_checkpoint", out.resolve("checkpoint-2").toString()))
                .as(console.err())
                .isZero();
        assertThat(console.err()).doesNotContain("with changes").contains("trained 4 steps");
    }

    @Test
    void aResumeWithNothingLeftSaysSoInsteadOfARate() throws Exception {
        assertThat(train()).as(console.err()).isZero();
        console.reset();
        assertThat(train("--resume_from_checkpoint", "true")).as(console.err()).isZero();
        assertThat(console.err())
                .contains("nothing was left to train: the run had already done all 4 steps")
                .doesNotContain("samples/s");
    }

    @Test
    void theLeftoversOfAKilledRunAreRemovedByTheNextOne() throws Exception {
        Files.createDirectories(out);
        // A kill -9 while writing final/ (or a checkpoint) leaves these, up to a model's size each.
        List<Path> leftovers = List.of(
                Files.createDirectories(out.resolve(".final.rerank4j-tmp-999999999-a1")),
                Files.createDirectories(out.resolve(".final.rerank4j-old-999999999-b2")),
                Files.createDirectories(out.resolve(".checkpoint-2.rerank4j-tmp-999999999-c3")),
                Files.createDirectories(out.resolve(".final.tmp-1234567")), // the names of earlier versions
                Files.createDirectories(out.resolve(".final.old-7654321")));
        for (Path p : leftovers) {
            Files.writeString(p.resolve("model.safetensors"), "partial");
        }
        assertThat(train()).as(console.err()).isZero();
        for (Path p : leftovers) {
            assertThat(p).doesNotExist();
        }
        try (var entries = Files.list(out)) {
            assertThat(entries.map(p -> p.getFileName().toString()).toList())
                    .allMatch(n -> !n.startsWith("."), "no hidden temporary name stays");
        }
    }
}
