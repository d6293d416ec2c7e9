package dev.rerank4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rerank4j.data.Dataset;
import dev.rerank4j.data.Row;
import dev.rerank4j.eval.ClassificationEvaluator;
import dev.rerank4j.eval.Evaluator;
import dev.rerank4j.eval.RerankingEvaluator;
import dev.rerank4j.hub.HubClient;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.train.config.EvaluatorSpec;
import dev.rerank4j.train.config.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluators of the eval package inside training: config parsing, metrics in the log, best-model selection. */
class TrainingEvaluatorsTest {
    @TempDir
    Path tmp;

    private Path file(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }

    /** The tiny task's rows as a TSV file without a header. */
    private Path tsv(String name, Dataset d) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Row r : d.rows()) {
            lines.add(r.get(0).orElseThrow() + "\t" + r.get(1).orElseThrow() + "\t"
                    + r.get(2).orElseThrow());
        }
        return Files.write(tmp.resolve(name), lines);
    }

    @Test
    void configEvaluatorsAreParsedAndBuiltFromPairsOrSamples() throws Exception {
        Path pairs = file("dev.tsv", "q1\td1\t1\nq1\td2\t0\nq2\td3\t0\nq2\td4\t0\nq3\td5\t1\n");
        Path samples =
                file("samples.jsonl", "{\"query\": \"q1\", \"positive\": [\"d1\"], \"negative\": [\"d2\", \"d3\"]}\n");
        Path f = file("train.yaml", """
                model: m
                train_dataset: t.tsv
                evaluator:
                  type: reranking
                  path: %s
                  column_names: [query, document, label]
                  at_k: 5
                evaluators:
                  samples: {type: reranking, path: %s}
                  cls: {type: classification, path: %s, column_names: [a, b, label]}
                """.formatted(pairs, samples, pairs));
        TrainConfig c = TrainConfig.load(f, Map.of());
        assertThat(c.evaluators()).extracting(EvaluatorSpec::name).containsExactly("dev", "samples", "cls");
        EvaluatorSpec dev = c.evaluators().get(0);
        assertThat(dev.type()).isEqualTo(EvaluatorSpec.Type.RERANKING);
        assertThat(dev.atK()).isEqualTo(5);
        assertThat(dev.samplesFile()).isNull();
        assertThat(c.evaluators().get(1).samplesFile()).isEqualTo(samples);

        Evaluator built = dev.build(HubClient.fromEnvironment());
        assertThat(built).isInstanceOf(RerankingEvaluator.class);
        // q2 has no relevant document: left out by default
        assertThat(((RerankingEvaluator) built).queries()).hasSize(2);
        assertThat(((RerankingEvaluator) built).queries().get(0).candidates()).containsExactly("d1", "d2");
        assertThat(c.evaluators().get(1).build(HubClient.fromEnvironment())).isInstanceOf(RerankingEvaluator.class);
        assertThat(c.evaluators().get(2).build(HubClient.fromEnvironment()))
                .isInstanceOf(ClassificationEvaluator.class);

        Path keep = file("keep.yaml", """
                model: m
                train_dataset: t.tsv
                evaluator: {type: reranking, path: %s, column_names: [q, d, label], keep_queries_without_positive: true}
                """.formatted(pairs));
        RerankingEvaluator all = (RerankingEvaluator)
                TrainConfig.load(keep, Map.of()).evaluators().get(0).build(HubClient.fromEnvironment());
        assertThat(all.queries()).hasSize(3);
    }

    @Test
    void badEvaluatorsFailBeforeTrainingNamingTheKey() throws Exception {
        Path pairs = file("dev.tsv", "q1\td1\tyes\n");
        Path noType = file("a.yaml", "model: m\ntrain_dataset: t.tsv\nevaluator: {path: x.tsv}\n");
        assertThatThrownBy(() -> TrainConfig.load(noType, Map.of()))
                .hasMessage(noType
                        + ": dev.type is missing: one of reranking, classification, correlation, beir, nanobeir");
        Path badType = file("b.yaml", "model: m\ntrain_dataset: t.tsv\nevaluator: {type: ndcg, path: x.tsv}\n");
        assertThatThrownBy(() -> TrainConfig.load(badType, Map.of()))
                .hasMessage(badType
                        + ": dev.type must be one of reranking, classification, correlation, beir, nanobeir, got"
                        + " ndcg");
        Path twice = file("c.yaml", """
                model: m
                train_dataset: t.tsv
                evaluator: {type: reranking, path: x.tsv}
                evaluators: {dev: {type: classification, path: y.tsv}}
                """);
        assertThatThrownBy(() -> TrainConfig.load(twice, Map.of()))
                .hasMessageContaining("two evaluators are named \"dev\"");
        Path badK = file("d.yaml", "model: m\ntrain_dataset: t.tsv\nevaluator: {type: reranking, path: x, at_k: 0}\n");
        assertThatThrownBy(() -> TrainConfig.load(badK, Map.of())).hasMessage(badK + ": dev.at_k must be >= 1, got 0");
        Path badKey =
                file("e.yaml", "model: m\ntrain_dataset: t.tsv\nevaluator: {type: reranking, path: x, colums: [a]}\n");
        assertThatThrownBy(() -> TrainConfig.load(badKey, Map.of()))
                .hasMessageStartingWith(badKey + ": evaluator unknown dataset key \"colums\" in dev");
        Path badLabel = file(
                "f.yaml",
                "model: m\ntrain_dataset: t.tsv\nevaluator: {type: reranking, path: %s, column_names: [q, d, label]}\n"
                        .formatted(pairs));
        EvaluatorSpec spec = TrainConfig.load(badLabel, Map.of()).evaluators().get(0);
        assertThatThrownBy(() -> spec.build(HubClient.fromEnvironment()))
                .hasMessageStartingWith(pairs + ":1:")
                .hasMessageContaining("column label must be a number, got yes");
    }

    @Test
    void rankingMetricsAreLoggedFromTheBaselineOnAndPickTheBestModel() throws Exception {
        Path train = tsv("train.tsv", TinyTask.rows(64, 1));
        Path dev = tsv("dev.tsv", TinyTask.rows(48, 2));
        Path out = tmp.resolve("out");
        Path f = file("train.yaml", """
                model: unused
                train_dataset: {path: %s, column_names: [query, document, label]}
                evaluator: {type: reranking, name: tiny-dev, path: %s, column_names: [query, document, label]}
                output_dir: %s
                per_device_train_batch_size: 8
                learning_rate: 3.0e-3
                max_steps: 12
                eval_strategy: steps
                eval_steps: 4
                save_steps: 4
                metric_for_best_model: eval_tiny-dev_map
                load_best_model_at_end: true
                disable_tqdm: true
                """.formatted(train, dev, out));
        TrainConfig c = TrainConfig.load(f, Map.of());
        try (CrossEncoder m = TinyTask.model(tmp.resolve("m"))) {
            TrainingResult r = c.trainer(m, HubClient.fromEnvironment()).build().train();
            List<Double> maps = r.logHistory().stream()
                    .filter(e -> e.containsKey("eval_tiny-dev_map"))
                    .map(e -> ((Number) e.get("eval_tiny-dev_map")).doubleValue())
                    .toList();
            // the baseline at step 0, then steps 4, 8, 12
            assertThat(maps).hasSize(4);
            assertThat(r.logHistory().stream().filter(e -> e.containsKey("eval_tiny-dev_map")))
                    .allSatisfy(e -> assertThat(e).containsKeys("eval_tiny-dev_mrr@10", "eval_tiny-dev_ndcg@10"));
            double best = maps.subList(1, 4).stream()
                    .mapToDouble(Double::doubleValue)
                    .max()
                    .orElseThrow();
            assertThat(best).isGreaterThan(maps.get(0));
            assertThat(Files.readString(out.resolve("checkpoint-12/trainer_state.json")))
                    .contains("\"best_metric\" : " + best);
            assertThat(r.bestModel()).isEqualTo(out.resolve("best"));
            try (CrossEncoder reloaded = CrossEncoder.load(r.bestModel())) {
                double again = c.evaluators()
                        .get(0)
                        .build(HubClient.fromEnvironment())
                        .evaluate(reloaded)
                        .metric("tiny-dev_map");
                assertThat(again).isCloseTo(best, org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }
}
