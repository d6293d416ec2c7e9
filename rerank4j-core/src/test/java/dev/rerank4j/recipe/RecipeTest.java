package dev.rerank4j.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rerank4j.report.EvaluationComparison;
import dev.rerank4j.report.MiningSummary;
import dev.rerank4j.report.RunReport;
import dev.rerank4j.report.RunReportJson;
import dev.rerank4j.report.StageTiming;
import dev.rerank4j.retrieval.BeirFolders;
import dev.rerank4j.testing.RecordingProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole recipe on tiny data and models: every stage's output, the report, and the stage cache (a second run
 * reuses everything and encodes nothing; a changed training argument trains again without mining; a changed mining
 * option mines again).
 */
class RecipeTest {
    @TempDir
    Path tmp;

    private static RecipeOptions options(RecordingProgress progress, List<String> messages) {
        return RecipeOptions.defaults().withProgress(progress).withMessages(messages::add);
    }

    private static boolean encoded(RecordingProgress progress) {
        return progress.tasks().stream().anyMatch(t -> t.name.equals("Encoding"));
    }

    @Test
    void runsEveryStageWritesTheRunFolderAndReusesItOnTheNextRun() throws Exception {
        Path file = TinyRecipe.config(tmp, "");
        RecipeConfig config = RecipeConfigs.load(file, Map.of("evaluate.beir", "[" + tmp.resolve("no-beir") + "]"));
        RecordingProgress progress = new RecordingProgress(true);
        List<String> messages = new ArrayList<>();
        RunReport report = Recipe.run(config, options(progress, messages));

        Path run = tmp.resolve("run");
        Stages stages = Stages.of(config);
        for (String f : List.of(
                "recipe.yaml",
                "stages.json",
                "report.json",
                "report.html",
                "metrics.jsonl",
                "split/train.jsonl",
                "split/eval.jsonl",
                "data/pairs.jsonl",
                "final/config.json",
                "best/config.json",
                "final/README.md")) {
            assertThat(run.resolve(f)).as(f).isRegularFile();
        }
        assertThat(stages.mined("mine-train").resolve("train.jsonl")).isRegularFile();
        assertThat(stages.mined("mine-eval").resolve("eval.jsonl")).isRegularFile();
        assertThat(encoded(progress)).isTrue();
        assertThat(report.stages())
                .extracting(StageTiming::name)
                .containsExactly(
                        "load", "split", "mine-train", "mine-eval", "evaluate-before", "train", "evaluate-after");
        assertThat(report.stages()).noneMatch(StageTiming::reused);
        assertThat(messages).anyMatch(m -> m.startsWith("mine-train: done in "));

        // 48 questions in 8 groups of 6: the eval part takes whole groups until it has >= 10 questions
        assertThat(report.data().evalQueries()).isEqualTo(12);
        assertThat(report.data().trainQueries()).isEqualTo(36);
        assertThat(report.data().corpusSize()).isEqualTo(48);
        assertThat(report.data().splitBy()).isEqualTo("topic");

        MiningSummary train = report.mining().get(0);
        assertThat(train.name()).isEqualTo("train");
        assertThat(train.anchors()).isEqualTo(36);
        // labeled pairs: one positive and num_negatives negatives per question
        assertThat(train.positiveScores().total())
                .isEqualTo(train.positive().count())
                .isEqualTo(36);
        assertThat(train.negativeScores().total()).isEqualTo(train.negative().count());
        assertThat(train.outputRows()).isEqualTo(36 + train.negative().count());
        assertThat(train.positiveScores().min())
                .isEqualTo(train.negativeScores().min());
        assertThat(train.positiveScores().max())
                .isEqualTo(train.negativeScores().max());
        MiningSummary eval = report.mining().get(1);
        assertThat(eval.anchors()).isEqualTo(12);
        assertThat(eval.corpusSize()).isEqualTo(48);

        assertThat(report.evaluations())
                .extracting(EvaluationComparison::name)
                .containsExactly("tiny-dev (top 8)", "tiny-dev (top 8 + all positives)");
        for (EvaluationComparison e : report.evaluations()) {
            assertThat(e.primaryMetric()).isEqualTo("ndcg@10");
            assertThat(e.before()).containsKeys("map", "mrr@10", "ndcg@10");
            assertThat(e.after()).containsKeys("map", "mrr@10", "ndcg@10");
            assertThat(e.firstStage()).containsKeys("map", "mrr@10", "ndcg@10");
        }
        // all positives reranked can only add positives: never below the realistic figure of the same model
        assertThat(report.evaluations().get(1).after().get("ndcg@10"))
                .isGreaterThanOrEqualTo(report.evaluations().get(0).after().get("ndcg@10") - 1e-9);
        assertThat(report.training()).isNotEmpty();
        assertThat(report.training()).anyMatch(e -> e.values().containsKey("loss"));
        assertThat(report.training()).anyMatch(e -> e.values().containsKey("eval_tiny-dev_ndcg@10"));
        assertThat(report.examples()).hasSize(3);
        assertThat(report.examples().get(0).after()).isNotEmpty();
        assertThat(report.notes()).anyMatch(n -> n.contains("no-beir") && n.contains("absent"));
        assertThat(RunReportJson.read(run.resolve("report.json")).evaluations()).isEqualTo(report.evaluations());

        FileTime minedAt = Files.getLastModifiedTime(stages.mined("mine-train").resolve("train.jsonl"));
        RecordingProgress again = new RecordingProgress(true);
        RunReport second = Recipe.run(config, options(again, new ArrayList<>()));
        assertThat(second.stages()).allMatch(StageTiming::reused);
        // a reused stage reports what it cost when it ran, not the near-zero time of finding its output
        for (int i = 0; i < second.stages().size(); i++) {
            assertThat(second.stages().get(i).name())
                    .isEqualTo(report.stages().get(i).name());
            assertThat(second.stages().get(i).seconds())
                    .isEqualTo(report.stages().get(i).seconds());
        }
        assertThat(second.stages().stream().mapToDouble(StageTiming::seconds).sum())
                .isGreaterThan(0);
        assertThat(encoded(again)).as("a reused run encodes nothing").isFalse();
        assertThat(Files.getLastModifiedTime(stages.mined("mine-train").resolve("train.jsonl")))
                .isEqualTo(minedAt);
        assertThat(second.evaluations()).isEqualTo(report.evaluations());
    }

    @Test
    void distillsTheMinersScoresAndShowsTheFusedOutOfDomainCheckNextToTheInDomainOne() throws Exception {
        Path file = TinyRecipe.config(tmp, "");
        Path beir = BeirFolders.write(tmp, "beir-tiny");
        RecipeConfig config = RecipeConfigs.load(
                file,
                Map.of(
                        "mine.train.output_scores", "true",
                        "train.loss", "MSELoss",
                        "evaluate.beir", "[" + beir + "]",
                        "evaluate.fusion", "convex:0.5",
                        "evaluate.rerank_positives", "retrieved_only",
                        "evaluate.sample_queries", "2",
                        "evaluate.beir_before", "false"));
        RunReport report = Recipe.run(config, options(new RecordingProgress(true), new ArrayList<>()));

        // the training pairs carry the miner's cosine similarity as their score: the distillation target
        List<String> mined =
                Files.readAllLines(Stages.of(config).mined("mine-train").resolve("train.jsonl"));
        assertThat(mined).isNotEmpty().allMatch(line -> line.matches(".*\"score\":-?[0-9.]+(E-?[0-9]+)?\\}$"));
        assertThat(mined).anyMatch(line -> !line.matches(".*\"score\":[01](\\.0)?\\}$"));

        assertThat(report.evaluations())
                .extracting(EvaluationComparison::name, EvaluationComparison::domain)
                .containsExactly(
                        tuple("tiny-dev (top 8)", EvaluationStage.IN_DOMAIN),
                        tuple("tiny-dev (top 8 + all positives)", EvaluationStage.IN_DOMAIN),
                        tuple(
                                "BEIR beir-tiny_R100 (BM25 top 100, 2 sampled queries, fused convex:0.5)",
                                EvaluationStage.OUT_OF_DOMAIN));
        EvaluationComparison ood = report.evaluations().get(2);
        assertThat(ood.before()).as("not run before training").isEmpty();
        assertThat(ood.after())
                .containsKeys(
                        "ndcg@10", "reranker_ndcg@10", "map", "mrr@10", "judged_ndcg@10", "reranker_judged_ndcg@10");
        assertThat(ood.firstStage()).containsKeys("ndcg@10", "judged_ndcg@10");
        assertThat(ood.primaryMetric()).as("NDCG as BEIR reports it").isEqualTo("judged_ndcg@10");
        assertThat(report.notes())
                .contains("the BEIR benchmarks were not run before training (evaluate.beir_before:" + " false)");
        assertThat(Files.readString(tmp.resolve("run/report.html")))
                .contains("fused convex:0.5")
                .contains("reranker_ndcg@10");
    }

    @Test
    void aChangedTrainingArgumentTrainsAgainWithoutMiningAndAChangedMiningOptionMinesAgain() throws Exception {
        Path file = TinyRecipe.config(tmp, "");
        RecipeConfig config = RecipeConfigs.load(file, Map.of());
        Recipe.run(config, options(new RecordingProgress(true), new ArrayList<>()));

        RecipeConfig newArgs = RecipeConfigs.load(file, Map.of("train.learning_rate", "5.0e-4"));
        assertThat(Recipe.plan(newArgs))
                .extracting(PlannedStage::name, PlannedStage::reuse)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("load", true),
                        org.assertj.core.groups.Tuple.tuple("split", true),
                        org.assertj.core.groups.Tuple.tuple("mine-train", true),
                        org.assertj.core.groups.Tuple.tuple("mine-eval", true),
                        org.assertj.core.groups.Tuple.tuple("evaluate-before", true),
                        org.assertj.core.groups.Tuple.tuple("train", false),
                        org.assertj.core.groups.Tuple.tuple("evaluate-after", false),
                        org.assertj.core.groups.Tuple.tuple("report", false));
        RecordingProgress progress = new RecordingProgress(true);
        RunReport retrained = Recipe.run(newArgs, options(progress, new ArrayList<>()));
        assertThat(encoded(progress)).as("training arguments never mine again").isFalse();
        assertThat(retrained.stages().stream().filter(StageTiming::reused).map(StageTiming::name))
                .containsExactly("load", "split", "mine-train", "mine-eval", "evaluate-before");

        RecipeConfig newMining = RecipeConfigs.load(file, Map.of("mine.train.num_negatives", "3"));
        List<PlannedStage> plan = Recipe.plan(newMining);
        assertThat(plan.get(2).reuse()).isFalse();
        assertThat(plan.get(2).fingerprint())
                .isNotEqualTo(Recipe.plan(config).get(2).fingerprint());
        assertThat(plan.get(3).reuse())
                .as("the evaluation set's options did not change")
                .isTrue();
        RecordingProgress remine = new RecordingProgress(true);
        Recipe.run(newMining, options(remine, new ArrayList<>()));
        assertThat(encoded(remine)).isTrue();
        assertThat(Stages.of(newMining).mined("mine-train")).isDirectory();
        assertThat(Stages.of(config).mined("mine-train"))
                .as("the other mined set stays")
                .isDirectory();
    }

    @Test
    void dryRunPlansEveryStageWithoutTouchingTheRunFolder() throws Exception {
        RecipeConfig config = RecipeConfigs.load(TinyRecipe.config(tmp, ""), Map.of());
        List<PlannedStage> plan = Recipe.plan(config);
        assertThat(plan).extracting(PlannedStage::name).containsExactlyElementsOf(Stages.NAMES);
        assertThat(plan).noneMatch(PlannedStage::reuse);
        assertThat(plan.get(2).toLine())
                .startsWith("mine-train       run    " + plan.get(2).fingerprint());
        assertThat(tmp.resolve("run")).doesNotExist();
    }
}
