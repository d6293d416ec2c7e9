package dev.rerank4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.Activation;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.TextPair;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code rerank4j train} end to end on a tiny model: outputs, overrides, and the messages of bad input. */
class TrainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    private Path model;
    private Path data;

    @BeforeEach
    void setUp() throws Exception {
        model = TinyModels.write(tmp.resolve("model"), Architecture.BERT, TinyModels.Checkpoint.BASE_MODEL, 1, 3);
        List<String> lines = new ArrayList<>();
        String[] topics = {"berlin", "paris", "cat", "dog"};
        for (int i = 0; i < 24; i++) {
            String t = topics[i % 4];
            String o = topics[(i + 1) % 4];
            lines.add("what is " + t + "\t" + (i % 2 == 0 ? t + " is good" : o + " is bad") + "\t"
                    + (i % 2 == 0 ? 1 : 0));
        }
        data = Files.write(tmp.resolve("train.tsv"), lines);
    }

    private Path config(String extra) throws Exception {
        return Files.writeString(
                tmp.resolve("train.yaml"), """
                model: %s
                train_dataset:
                  path: %s
                  column_names: [query, document, label]
                eval_dataset:
                  path: %s
                  column_names: [query, document, label]
                  limit: 8
                loss: BinaryCrossEntropyLoss
                output_dir: %s
                max_steps: 6
                per_device_train_batch_size: 4
                learning_rate: 1.0e-3
                logging_steps: 2
                eval_strategy: steps
                eval_steps: 3
                save_steps: 3
                disable_tqdm: true
                """.formatted(model, data, data, tmp.resolve("out")) + extra);
    }

    @Test
    void trainsAndWritesCheckpointsMetricsPlotAndTheFinalModel() throws Exception {
        String evaluator =
                "evaluator: {type: reranking, path: %s, column_names: [query, document, label]}\n".formatted(data);
        int code =
                Main.run("train", "--config", config(evaluator).toString(), "--max-steps", "4", "--loss.pos_weight=2");
        assertThat(code).as(console.err()).isZero();
        Path out = tmp.resolve("out");
        assertThat(out.resolve("checkpoint-3/trainer_state.json")).isRegularFile();
        assertThat(out.resolve("checkpoint-4/optimizer.safetensors")).isRegularFile();
        assertThat(out.resolve("training.png")).isRegularFile();
        List<JsonNode> metrics = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) {
            metrics.add(JSON.readTree(line));
        }
        assertThat(metrics.get(0).has("eval_loss"))
                .as("the baseline evaluation comes first")
                .isTrue();
        assertThat(metrics.get(metrics.size() - 1).path("step").asInt()).isEqualTo(4);
        JsonNode losses =
                JSON.readTree(out.resolve("checkpoint-4/loss_config.json").toFile());
        assertThat(losses.path("train").path("pos_weight").asDouble()).isEqualTo(2.0);
        String card = Files.readString(out.resolve("final/README.md"));
        assertThat(card).contains("BinaryCrossEntropyLoss", "`max_steps`: 4", "Training Logs", "train.tsv");
        TextPair pair = new TextPair("what is cat", "cat is good");
        try (CrossEncoder trained = CrossEncoder.load(out.resolve("final"));
                CrossEncoder lastCheckpoint = CrossEncoder.load(out.resolve("checkpoint-4"))) {
            float score = trained.predict(pair);
            float logit =
                    trained.predict(List.of(pair), PredictOptions.defaults().withActivation(Activation.IDENTITY))[0];
            assertThat(score)
                    .as("the saved activation of a one-label model is Sigmoid")
                    .isCloseTo((float) (1 / (1 + Math.exp(-logit))), within(1e-6f));
            assertThat(lastCheckpoint.predict(pair))
                    .as("final/ holds the weights of the last step")
                    .isCloseTo(score, within(1e-6f));
        }
        assertThat(metrics.get(0).has("eval_dev_map"))
                .as("the evaluator runs from the baseline on")
                .isTrue();
        assertThat(console.err())
                .contains("trained 4 steps", "final model in")
                .containsPattern("evaluation at step 3: eval_loss \\d\\.\\d{4}, eval_dev_map \\d\\.\\d{4},"
                        + " eval_dev_mrr@10 \\d\\.\\d{4}, eval_dev_ndcg@10 \\d\\.\\d{4}");
    }

    @Test
    void aBadArgumentFailsBeforeTrainingNamingItsValueAndRange() throws Exception {
        int code = Main.run("train", "--config", config("").toString(), "--warmup_ratio", "1.5");
        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(console.err()).contains("train.yaml: warmup_ratio must be [0, 1], got 1.5");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @ParameterizedTest(name = "--{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "max_length|abc|train.yaml: max_length must be a whole number >= 0, got \"abc\"",
                "max_length|-3|train.yaml: max_length must be a whole number >= 0, got -3",
                "num_labels|two|train.yaml: num_labels must be a whole number >= 0, got \"two\"",
                "train_dataset.limit|1k|train.yaml: train.limit must be a whole number >= 0, got \"1k\"",
                "eval_dataset.limit|8.5|train.yaml: eval.limit must be a whole number >= 0, got 8.5",
                "train_dataset.header|maybe|train.yaml: train.header must be true or false, got \"maybe\"",
                "train_dataset.test_size|a tenth|train.yaml: train.test_size must be a number, got \"a tenth\"",
            })
    void aValueThatIsNotANumberOrBooleanFailsNamingTheKeyAndTheValue(String key, String value, String message)
            throws Exception {
        int code = Main.run("train", "--config", config("").toString(), "--" + key, value);
        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(console.err()).contains(message);
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aMisspeltArgumentIsNamedWithTheClosestOne() throws Exception {
        int code = Main.run("train", "--config", config("learning_rat: 0.1\n").toString());
        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(console.err())
                .contains("unknown training argument \"learning_rat\"; did you mean \"learning_rate\"?");
    }

    @Test
    void aBadRowFailsWithFileLineAndTheColumns() throws Exception {
        Files.writeString(data, "what is cat\tcat is good\tmaybe\n", java.nio.file.StandardOpenOption.APPEND);
        int code = Main.run("train", "--config", config("").toString());
        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(console.err())
                .contains("train.tsv:25: the label must be 1/0 or a number in [0, 1], got \"maybe\" (a string)")
                .contains("columns: query, document, label");
    }
}
