package dev.rerank4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.data.Dataset;
import dev.rerank4j.loss.Batch;
import dev.rerank4j.loss.BinaryCrossEntropyLoss;
import dev.rerank4j.loss.LossConfig;
import dev.rerank4j.loss.LossConfigs;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.model.Network;
import dev.rerank4j.model.TrainingAccess;
import dev.rerank4j.testing.TinyModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A tiny DeBERTa-v3 trains through the trainer with every loss. */
class DebertaV2TrainingTest {
    private static final String[] TOPICS = {"berlin", "paris", "cat", "dog", "france", "germany", "city", "mat"};

    @TempDir
    Path tmp;

    @Test
    void lossFallsOnATinyTask() throws java.io.IOException {
        Dataset data = TinyTask.rows(96, 1);
        try (CrossEncoder model = model(tmp.resolve("model"), 1)) {
            TrainingArguments args = TinyTask.args(tmp.resolve("out"), Map.of("num_train_epochs", 4));
            TrainingResult r = CrossEncoderTrainer.builder(model, args)
                    .trainDataset(TrainingDataset.of("tiny", data, new BinaryCrossEntropyLoss()))
                    .build()
                    .train();
            List<Double> losses = r.logHistory().stream()
                    .filter(e -> e.containsKey("loss"))
                    .map(e -> ((Number) e.get("loss")).doubleValue())
                    .toList();
            assertThat(r.globalStep()).isEqualTo(48);
            assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0) * 0.5);
        }
    }

    static List<String> losses() {
        return LossConfigs.NAMES;
    }

    /** One optimizer step on one batch moves the weights and lowers that batch's loss (dropout off). */
    @ParameterizedTest
    @MethodSource("losses")
    void oneStepLowersTheLossOfItsBatch(String name) throws java.io.IOException {
        LossConfig loss = LossConfigs.parse(name);
        int labels = name.equals("CrossEntropyLoss") ? 2 : 1;
        Rows rows = rows(loss.expectedColumns());
        try (CrossEncoder model = model(tmp.resolve("m"), labels)) {
            float before = loss(model, loss, rows.batch());
            float[] weightBefore = TrainingAccess.parameters(model).values("deberta.encoder.rel_embeddings.weight");
            TrainingArguments args = TinyTask.args(
                    tmp.resolve("out"),
                    Map.of(
                            "max_steps", 1,
                            "per_device_train_batch_size", rows.batch().size(),
                            "learning_rate", 1e-3,
                            "hidden_dropout_prob", 0.0,
                            "attention_probs_dropout_prob", 0.0));
            CrossEncoderTrainer.builder(model, args)
                    .trainDataset(TrainingDataset.of("one-batch", rows.dataset(), loss))
                    .build()
                    .train();
            float after = loss(model, loss, rows.batch());
            assertThat(TrainingAccess.parameters(model).values("deberta.encoder.rel_embeddings.weight"))
                    .as("%s: the relative embeddings were trained", name)
                    .isNotEqualTo(weightBefore);
            assertThat(after)
                    .as("%s: loss after one step (before: %s)", name, before)
                    .isLessThan(before);
        }
    }

    private static CrossEncoder model(Path dir, int labels) {
        TinyModels.write(dir, Architecture.DEBERTA_V2, TinyModels.Checkpoint.BASE_MODEL, 1, 3);
        return CrossEncoder.load(dir, CrossEncoderOptions.defaults().withSeed(5).withNumLabels(labels));
    }

    @SuppressWarnings("try")
    private static float loss(CrossEncoder model, LossConfig loss, Batch batch) {
        Network network = TrainingAccess.trainingNetwork(model, 0f, 0f);
        try (NDManager m = TrainingAccess.manager(model).newSubManager();
                NDScope scope = new NDScope()) {
            TrainingModel eval = new TrainingModel(
                    network, TrainingAccess.parameters(model), TrainingAccess.tokenizer(model), m, null);
            return loss.objective(model.numLabels()).loss(batch, eval).getFloat();
        }
    }

    private record Rows(Dataset dataset, Batch batch) {}

    /** Eight rows in the layout a loss expects (its {@code expectedColumns}). */
    private static Rows rows(String expected) {
        List<String> columns;
        List<List<Object>> values = new ArrayList<>();
        boolean labelled = true;
        for (int i = 0; i < 8; i++) {
            String topic = TOPICS[i];
            String other = TOPICS[(i + 3) % TOPICS.length];
            String query = "what is " + topic;
            String good = topic + " is good and the cat";
            String bad = other + " is bad";
            if (expected.startsWith("2 input columns (query, [documents])")) {
                values.add(List.of(query, List.of(bad, good, other + " and the mat", topic), List.of(0L, 2L, 0L, 1L)));
            } else if (expected.startsWith("2 or more input columns (anchor")) {
                values.add(List.of(query, good, bad));
            } else if (expected.startsWith("3 or more input columns")) {
                values.add(List.of(query, good, bad, 3.0));
            } else {
                boolean relevant = i % 2 == 0;
                Object label = expected.contains("target score") ? (Object) (relevant ? 1.0 : 0.0) : relevant ? 1L : 0L;
                values.add(List.of(query, relevant ? good : bad, label));
            }
        }
        if (expected.startsWith("2 input columns (query, [documents])")) {
            columns = List.of("query", "docs", "labels");
        } else if (expected.startsWith("2 or more input columns (anchor")) {
            columns = List.of("anchor", "positive", "negative");
            labelled = false;
        } else if (expected.startsWith("3 or more input columns")) {
            columns = List.of("query", "positive", "negative", "label");
        } else {
            columns = List.of("query", "document", "label");
        }
        int inputs = labelled ? columns.size() - 1 : columns.size();
        List<List<Object>> inputColumns = new ArrayList<>();
        for (int c = 0; c < inputs; c++) {
            List<Object> column = new ArrayList<>();
            for (List<Object> row : values) {
                column.add(row.get(c));
            }
            inputColumns.add(column);
        }
        List<Object> labels = new ArrayList<>();
        if (labelled) {
            values.forEach(row -> labels.add(row.get(row.size() - 1)));
        }
        return new Rows(Dataset.fromRows("one-batch", columns, values), new Batch("one-batch", inputColumns, labels));
    }
}
