package dev.rerank4j.train.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rerank4j.data.ColumnMapping;
import dev.rerank4j.data.DatasetFormat;
import dev.rerank4j.loss.BinaryCrossEntropyLoss;
import dev.rerank4j.loss.MSELoss;
import dev.rerank4j.train.IntervalStrategy;
import dev.rerank4j.train.SaveStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainConfigTest {
    @TempDir
    Path tmp;

    private Path file(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }

    @Test
    void readsModelDatasetsLossesAndArgumentsFromYaml() throws Exception {
        Path f = file("train.yaml", """
                model: org/base
                max_length: 256
                train_datasets:
                  a:
                    path: a.tsv
                    format: tsv
                    column_names: [q, d, label]
                    shuffle_seed: 3
                    limit: 100
                    test_size: 0.1
                  b:
                    path: b.jsonl
                    columns: {inputs: [question, answer], label: score}
                    loss: MSELoss
                loss: {name: BinaryCrossEntropyLoss, pos_weight: 5}
                output_dir: out
                learning_rate: 2.0e-5
                eval_strategy: steps
                """);
        TrainConfig c = TrainConfig.load(f, Map.of());
        assertThat(c.model()).isEqualTo("org/base");
        assertThat(c.maxLength()).isEqualTo(256);
        assertThat(c.args().learningRate()).isEqualTo(2e-5);
        assertThat(c.trainDatasets()).extracting(DatasetSpec::name).containsExactly("a", "b");
        DatasetSpec a = c.trainDatasets().get(0);
        assertThat(a.read().format()).isEqualTo(DatasetFormat.TSV);
        assertThat(a.read().columnNames()).containsExactly("q", "d", "label");
        assertThat(a.shuffleSeed()).isEqualTo(3);
        assertThat(a.to()).isEqualTo(100);
        assertThat(a.testSize()).isEqualTo(0.1);
        assertThat(a.testSeed()).isEqualTo(42);
        assertThat(a.loss()).isEqualTo(BinaryCrossEntropyLoss.withPosWeight(5));
        assertThat(c.trainDatasets().get(1).loss()).isEqualTo(new MSELoss());
        assertThat(c.trainDatasets().get(1).columns())
                .isEqualTo(ColumnMapping.of(List.of("question", "answer"), "score"));
    }

    @Test
    void commandLineOverridesWinWithTheirYamlTypes() throws Exception {
        Path f = file("train.json", """
                {"model": "m", "train_dataset": {"path": "t.jsonl"}, "loss": "BinaryCrossEntropyLoss",
                 "learning_rate": 0.001, "output_dir": "o"}
                """);
        TrainConfig c = TrainConfig.load(
                f,
                Map.of(
                        "learning-rate", "3e-5",
                        "load_best_model_at_end", "true",
                        "eval_strategy", "steps",
                        "train_dataset.limit", "10",
                        "loss.pos_weight", "2"));
        assertThat(c.args().learningRate()).isEqualTo(3e-5);
        assertThat(c.args().loadBestModelAtEnd()).isTrue();
        assertThat(c.trainDatasets().get(0).to()).isEqualTo(10);
        assertThat(c.trainDatasets().get(0).loss()).isEqualTo(BinaryCrossEntropyLoss.withPosWeight(2));
    }

    @Test
    void groupByQueryTurnsLabelledPairsIntoListsForTheListwiseLosses() throws Exception {
        Path pairs = file("pairs.tsv", "q1\td1\t1\nq2\td3\t0\nq1\td2\t0\nq2\td4\t1\nq2\td5\t0\n");
        Path f = file("lists.yaml", """
                model: m
                train_dataset: {path: %s, column_names: [question, sentence, label], group_by_query: true, limit: 1}
                loss: ListNetLoss
                output_dir: o
                """.formatted(pairs));
        DatasetSpec spec = TrainConfig.load(f, Map.of()).trainDatasets().get(0);
        assertThat(spec.groupByQuery()).isTrue();
        assertThat(spec.trainingColumns()).isEqualTo(ColumnMapping.automatic());
        dev.rerank4j.data.Dataset lists =
                spec.load(dev.rerank4j.hub.HubClient.fromEnvironment()).train();
        // grouped first, then limited: one query with both of its pairs
        assertThat(lists.columns()).containsExactly("query", "docs", "labels");
        assertThat(lists.size()).isEqualTo(1);
        assertThat(lists.row(0).get("query")).contains("q1");
        assertThat(lists.row(0).get("docs")).contains(List.of("d1", "d2"));

        Path three = file("three.tsv", "a\tb\tc\t1\n");
        Path bad = file("bad.yaml", """
                model: m
                train_dataset: {path: %s, column_names: [a, b, c, label], group_by_query: true}
                output_dir: o
                """.formatted(three));
        DatasetSpec badSpec = TrainConfig.load(bad, Map.of()).trainDatasets().get(0);
        assertThatThrownBy(() -> badSpec.load(dev.rerank4j.hub.HubClient.fromEnvironment()))
                .hasMessageStartingWith("train.group_by_query needs (query, document, label) pairs; " + three);
    }

    @Test
    void aBareNoIsTheChoiceNoNotFalse() throws Exception {
        // YAML 1.1 reads `no` as a boolean; transformers' users write it bare
        Path f = file("no.yaml", "model: m\ntrain_dataset: t.jsonl\neval_strategy: no\noutput_dir: o\n");
        TrainConfig c = TrainConfig.load(f, Map.of("save_strategy", "no"));
        assertThat(c.args().evalStrategy()).isEqualTo(IntervalStrategy.NO);
        assertThat(c.args().saveStrategy()).isEqualTo(SaveStrategy.NO);
    }

    @Test
    void everyProblemNamesTheFileAndTheKey() throws Exception {
        Path noModel = file("a.yaml", "train_dataset: t.jsonl\n");
        assertThatThrownBy(() -> TrainConfig.load(noModel, Map.of()))
                .hasMessage(noModel + ": model is missing: a model directory or hub id");
        Path noData = file("b.yaml", "model: m\n");
        assertThatThrownBy(() -> TrainConfig.load(noData, Map.of()))
                .hasMessage(noData + ": train_dataset is missing: name the training data");
        Path badKey = file("c.yaml", "model: m\ntrain_dataset: {path: t.jsonl, colums: [a]}\n");
        assertThatThrownBy(() -> TrainConfig.load(badKey, Map.of()))
                .hasMessageStartingWith(badKey + ": unknown dataset key \"colums\" in train (known: ");
        Path badLoss = file("d.yaml", "model: m\ntrain_dataset: t.jsonl\nloss: {name: BCELoss}\n");
        assertThatThrownBy(() -> TrainConfig.load(badLoss, Map.of()))
                .hasMessageStartingWith(badLoss + ": loss: unknown loss \"BCELoss\"");
        Path badYaml = file("e.yaml", "model: m\n  bad: [\n");
        assertThatThrownBy(() -> TrainConfig.load(badYaml, Map.of()))
                .hasMessageStartingWith(badYaml + ":2:")
                .hasMessageContaining(": not valid YAML/JSON (")
                .hasMessageContaining("fix the syntax there");
        Path badArg = file("f.yaml", "model: m\ntrain_dataset: t.jsonl\nseed: abc\n");
        assertThatThrownBy(() -> TrainConfig.load(badArg, Map.of()))
                .hasMessage(badArg + ": seed must be a number, got \"abc\"");
        assertThatThrownBy(() -> TrainConfig.load(tmp.resolve("none.yaml"), Map.of()))
                .hasMessage(tmp.resolve("none.yaml") + ": no such config file");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // the YAML of the entry | the message after "file: "
                "max_length: abc|max_length must be a whole number >= 0, got \"abc\"",
                "max_length: 12.5|max_length must be a whole number >= 0, got 12.5",
                "max_length: -1|max_length must be a whole number >= 0, got -1",
                "max_length: 99999999999|max_length must be a whole number >= 0 and <= 2147483647, got 99999999999",
                "num_labels: [2]|num_labels must be a whole number >= 0, got [2]",
                "model: [a, b]|model must be a single value, got [\"a\",\"b\"]",
                "train_dataset: {path: t.jsonl, limit: 1k}|train.limit must be a whole number >= 0, got \"1k\"",
                "train_dataset: {path: t.jsonl, limit: -5}|train.limit must be a whole number >= 0, got -5",
                "train_dataset: {path: t.jsonl, select: [0, ten]}|train.select[1] must be a whole number >= 0, got"
                        + " \"ten\"",
                "train_dataset: {path: t.jsonl, select: 5}|train.select must be [from, to], got 5",
                "train_dataset: {path: t.jsonl, shuffle_seed: x1}|train.shuffle_seed must be a whole number, got"
                        + " \"x1\"",
                "train_dataset: {path: t.jsonl, test_seed: 1.5}|train.test_seed must be a whole number, got 1.5",
                "train_dataset: {path: t.jsonl, test_size: 10%}|train.test_size must be a number, got \"10%\"",
                "train_dataset: {path: t.jsonl, test_size: NaN}|train.test_size must be a finite number, got \"NaN\"",
                "train_dataset: {path: t.jsonl, group_by_query: sure}|train.group_by_query must be true or false,"
                        + " got \"sure\"",
                "train_dataset: {path: t.jsonl, column_names: [a, b], header: 1}|train.header must be true or"
                        + " false, got 1",
                "train_dataset: {path: t.jsonl, columns: [a, b]}|train.columns must be a mapping {inputs: [...],"
                        + " label: ...}, got [\"a\",\"b\"]",
                "train_dataset: {path: t.jsonl, rename_columns: [a]}|train.rename_columns must map old column names"
                        + " to new ones, got [\"a\"]",
                "train_datasets: {gooaq: {path: t.jsonl, limit: 1k}}|gooaq.limit must be a whole number >= 0, got"
                        + " \"1k\"",
                "evaluator: {type: reranking, path: d.tsv, at_k: ten}|dev.at_k must be a whole number, got \"ten\"",
                "evaluator: {type: beir, path: d, rerank_k: 1e9x}|dev.rerank_k must be a whole number, got"
                        + " \"1e9x\"",
                "evaluator: {type: reranking, path: d.tsv, keep_queries_without_positive: yes please}|"
                        + "dev.keep_queries_without_positive must be true or false, got \"yes please\"",
                "evaluator: {type: reranking, path: d.tsv, limit: 1k}|evaluator dev.limit must be a whole number >="
                        + " 0, got \"1k\"",
            })
    void aValueThatDoesNotReadAsItsTypeFailsNamingTheKeyAndTheValue(String entry, String message) throws Exception {
        String yaml = "model: m\n" + (entry.startsWith("train_dataset") ? "" : "train_dataset: t.jsonl\n") + entry
                + "\noutput_dir: o\n";
        if (entry.startsWith("model:")) {
            yaml = entry + "\ntrain_dataset: t.jsonl\n";
        }
        Path f = file("strict.yaml", yaml);
        assertThatThrownBy(() -> TrainConfig.load(f, Map.of())).hasMessage(f + ": " + message);
    }

    @Test
    void overridesAreAsStrictAsTheFile() throws Exception {
        Path f = file("o.yaml", "model: m\ntrain_dataset: t.jsonl\n");
        assertThatThrownBy(() -> TrainConfig.load(f, Map.of("max_length", "abc")))
                .hasMessage(f + ": max_length must be a whole number >= 0, got \"abc\"");
        assertThatThrownBy(() -> TrainConfig.load(f, Map.of("train_dataset.limit", "1k")))
                .hasMessage(f + ": train.limit must be a whole number >= 0, got \"1k\"");
        // numbers written as strings still read, as the training arguments do
        TrainConfig c = TrainConfig.load(f, Map.of("max_length", "\"64\"", "train_dataset.limit", "10"));
        assertThat(c.maxLength()).isEqualTo(64);
        assertThat(c.trainDatasets().get(0).to()).isEqualTo(10);
    }
}
