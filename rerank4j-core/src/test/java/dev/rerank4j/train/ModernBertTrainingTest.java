package dev.rerank4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.data.Dataset;
import dev.rerank4j.loss.ADRMSELoss;
import dev.rerank4j.loss.BinaryCrossEntropyLoss;
import dev.rerank4j.loss.CachedMultipleNegativesRankingLoss;
import dev.rerank4j.loss.CrossEntropyLoss;
import dev.rerank4j.loss.LambdaLoss;
import dev.rerank4j.loss.ListMLELoss;
import dev.rerank4j.loss.ListNetLoss;
import dev.rerank4j.loss.LossConfig;
import dev.rerank4j.loss.MSELoss;
import dev.rerank4j.loss.MarginMSELoss;
import dev.rerank4j.loss.MultipleNegativesRankingLoss;
import dev.rerank4j.loss.PListMLELoss;
import dev.rerank4j.loss.RankNetLoss;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.model.TrainingAccess;
import dev.rerank4j.testing.TinyModels;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny ModernBERT (a bare base model: fresh head) trains through the trainer: BCE learns the tiny task, and every
 * loss, trained on one fixed batch, lowers its own loss and changes the encoder's weights.
 */
class ModernBertTrainingTest {
    @TempDir
    Path tmp;

    @Test
    void binaryCrossEntropyLearnsTheTinyTask() throws Exception {
        try (CrossEncoder model = model(tmp.resolve("m"), 1)) {
            TrainingArguments args = TinyTask.args(tmp.resolve("out"), Map.of("num_train_epochs", 4));
            TrainingResult r = CrossEncoderTrainer.builder(model, args)
                    .trainDataset(TrainingDataset.of("tiny", TinyTask.rows(96, 1), new BinaryCrossEntropyLoss()))
                    .build()
                    .train();
            List<Double> losses = losses(r);
            assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0) * 0.5);
        }
    }

    @Test
    void everyLossLowersItsLossOnAFixedBatch() throws Exception {
        String[][] rows = {
            {"what is berlin", "berlin is good", "paris is bad", "dog is bad"},
            {"what is cat", "cat is good and the mat", "dog is bad", "france is bad"},
            {"what is paris", "paris is good", "germany is bad and the cat", "cat is bad"},
            {"what is dog", "dog is good", "berlin is bad", "paris is bad and the mat"}
        };
        List<List<Object>> pairs = new java.util.ArrayList<>();
        List<List<Object>> triplets = new java.util.ArrayList<>();
        List<List<Object>> margins = new java.util.ArrayList<>();
        List<List<Object>> lists = new java.util.ArrayList<>();
        for (String[] r : rows) {
            pairs.add(List.of(r[0], r[1], 1L));
            pairs.add(List.of(r[0], r[2], 0L));
            triplets.add(List.of(r[0], r[1], r[2]));
            margins.add(List.of(r[0], r[1], r[2], 3.0));
            lists.add(List.of(r[0], List.of(r[1], r[2], r[3]), List.of(1L, 0L, 0L)));
        }
        Dataset pairData = Dataset.fromRows("pairs", List.of("query", "document", "label"), pairs);
        Dataset tripletData = Dataset.fromRows("triplets", List.of("anchor", "positive", "negative"), triplets);
        Dataset marginData = Dataset.fromRows("margins", List.of("query", "positive", "negative", "label"), margins);
        Dataset listData = Dataset.fromRows("lists", List.of("query", "docs", "labels"), lists);
        Map<LossConfig, Dataset> runs = new LinkedHashMap<>();
        runs.put(new BinaryCrossEntropyLoss(), pairData);
        runs.put(new CrossEntropyLoss(), pairData);
        runs.put(new MSELoss(), pairData);
        runs.put(new MarginMSELoss(), marginData);
        runs.put(new MultipleNegativesRankingLoss(), tripletData);
        runs.put(new CachedMultipleNegativesRankingLoss(), tripletData);
        runs.put(new LambdaLoss(), listData);
        runs.put(new ListNetLoss(), listData);
        runs.put(new ListMLELoss(), listData);
        runs.put(new PListMLELoss(), listData);
        runs.put(new RankNetLoss(), listData);
        runs.put(new ADRMSELoss(), listData);
        for (Map.Entry<LossConfig, Dataset> run : runs.entrySet()) {
            String name = run.getKey().name();
            int labels = run.getKey() instanceof CrossEntropyLoss ? 2 : 1;
            try (CrossEncoder model = model(tmp.resolve("m-" + name), labels)) {
                float[] before = TrainingAccess.parameters(model).values("model.layers.1.attn.Wqkv.weight");
                int size = run.getValue().size();
                TrainingArguments args = TinyTask.args(
                        tmp.resolve("out-" + name),
                        Map.of(
                                "num_train_epochs",
                                4,
                                "per_device_train_batch_size",
                                size,
                                "logging_steps",
                                1,
                                "learning_rate",
                                1e-3));
                TrainingResult r = CrossEncoderTrainer.builder(model, args)
                        .trainDataset(TrainingDataset.of("fixed", run.getValue(), run.getKey()))
                        .build()
                        .train();
                List<Double> losses = losses(r);
                assertThat(losses).as("%s: one logged loss per step", name).hasSize(4);
                assertThat(losses.get(3))
                        .as("%s: loss after 3 steps on the same batch, %s", name, losses)
                        .isLessThan(losses.get(0));
                float[] after = TrainingAccess.parameters(model).values("model.layers.1.attn.Wqkv.weight");
                assertThat(after).as("%s changes the encoder's weights", name).isNotEqualTo(before);
            }
        }
    }

    private static CrossEncoder model(Path dir, int labels) {
        TinyModels.write(dir, Architecture.MODERNBERT, TinyModels.Checkpoint.BASE_MODEL, 1, 3);
        return CrossEncoder.load(dir, CrossEncoderOptions.defaults().withSeed(5).withNumLabels(labels));
    }

    private static List<Double> losses(TrainingResult r) {
        return r.logHistory().stream()
                .filter(e -> e.containsKey("loss"))
                .map(e -> ((Number) e.get("loss")).doubleValue())
                .toList();
    }
}
