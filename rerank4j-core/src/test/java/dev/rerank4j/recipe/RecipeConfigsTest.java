package dev.rerank4j.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rerank4j.Rerank4jException;
import dev.rerank4j.data.DataFormatException;
import dev.rerank4j.hub.HubClient;
import dev.rerank4j.loss.BinaryCrossEntropyLoss;
import dev.rerank4j.mining.OutputFormat;
import dev.rerank4j.train.config.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading recipe files: defaults, the training section, and the one-line messages of bad configs. */
class RecipeConfigsTest {
    @TempDir
    Path tmp;

    private Path write(String yaml) throws Exception {
        return Files.writeString(tmp.resolve("recipe.yaml"), yaml);
    }

    @Test
    void defaultsAreTheBlogsAndTheTrainingSectionGetsTheMinedData() throws Exception {
        Path file = write("""
                output_dir: runs/x
                mine: {model: sentence-transformers/all-MiniLM-L6-v2, train: {num_negatives: 4}}
                train: {model: sentence-transformers/all-MiniLM-L6-v2, eval_strategy: steps, eval_steps: 10}
                """);
        RecipeConfig c = RecipeConfigs.load(file, Map.of("split.eval_size", "200"));
        assertThat(c.data().bundled()).isTrue();
        assertThat(c.data().answer()).isEqualTo("context");
        assertThat(c.data().group()).isEqualTo("title");
        assertThat(c.split().evalSize()).isEqualTo(200);
        assertThat(c.mine().train().outputFormat()).isEqualTo(OutputFormat.LABELED_PAIR);
        assertThat(c.mine().eval().numNegatives()).isEqualTo(30);
        assertThat(c.mine().eval().includePositives()).isTrue();
        assertThat(c.text()).contains("eval_size: 200");
        TrainConfig t = c.trainConfig(Path.of("mined/train.jsonl"));
        assertThat(t.trainDatasets().get(0).path()).isEqualTo("mined/train.jsonl");
        assertThat(t.trainDatasets().get(0).loss()).isEqualTo(BinaryCrossEntropyLoss.withPosWeight(4));
        assertThat(t.args().outputDir()).isEqualTo(Path.of("runs/x"));
        assertThat(t.args().metricForBestModel()).isEqualTo("eval_dev_ndcg@10");
        assertThat(t.args().loadBestModelAtEnd()).isTrue();
        assertThat(t.args().evalOnStart()).isFalse();
    }

    @Test
    void withoutEvaluationsNoBestModelIsAskedFor() throws Exception {
        // YAML 1.1 reads an unquoted no as false: both mean no evaluation
        for (String strategy : new String[] {"no", "\"no\""}) {
            Path file =
                    write("output_dir: runs/x\nmine: {model: m}\ntrain: {model: m, eval_strategy: " + strategy + "}\n");
            TrainConfig t = RecipeConfigs.load(file, Map.of()).trainConfig(Path.of("t.jsonl"));
            assertThat(t.args().loadBestModelAtEnd()).isFalse();
            assertThat(t.args().metricForBestModel()).isEmpty();
        }
    }

    @Test
    void anUnknownKeyAtAnyLevelNamesTheClosestValidOne() throws Exception {
        String base = "output_dir: runs/x\nmine: {model: m}\ntrain: {model: m}\n";
        Path top = write(base + "evalute: {at_k: 5}\n");
        assertThatThrownBy(() -> RecipeConfigs.load(top, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(top + ": unknown key \"evalute\" in the recipe (did you mean \"evaluate\"?); known:"
                        + " output_dir, data, split, mine, train, evaluate");
        Path stage = write("output_dir: runs/x\nmine: {model: m, train: {num_negative: 5}}\ntrain: {model: m}\n");
        assertThatThrownBy(() -> RecipeConfigs.load(stage, Map.of()))
                .hasMessage(stage + ": unknown key \"num_negative\" in mine.train (did you mean \"num_negatives\"?);"
                        + " known: num_negatives, range_min, range_max, max_score, min_score, absolute_margin,"
                        + " relative_margin, sampling, seed, output_format, output_scores");
        Path train = write("output_dir: runs/x\nmine: {model: m}\ntrain: {model: m, learning_rat: 1}\n");
        assertThatThrownBy(() -> RecipeConfigs.load(train, Map.of()))
                .hasMessageStartingWith(train + ": train.unknown training argument \"learning_rat\"")
                .hasMessageContaining("did you mean \"learning_rate\"?");
        Path owned = write("output_dir: runs/x\nmine: {model: m}\ntrain: {model: m, train_dataset: a.tsv}\n");
        assertThatThrownBy(() -> RecipeConfigs.load(owned, Map.of()))
                .hasMessage(owned + ": train.train_dataset is set by the recipe (the mined training data, the run"
                        + " folder): remove it");
    }

    @Test
    void theEvaluateSectionTakesAFusionASampleAndTheBeirPositivesPolicy() throws Exception {
        String base = "output_dir: runs/x\nmine: {model: m, train: {output_scores: true}}\ntrain: {model: m}\n";
        Path file = write(base + "evaluate: {fusion: 'convex:0.3', rerank_positives: retrieved_only,"
                + " sample_queries: 50, sample_seed: 3}\n");
        RecipeConfig c = RecipeConfigs.load(file, Map.of());
        assertThat(c.evaluate().fusion()).isEqualTo(new dev.rerank4j.eval.ScoreFusion.Convex(0.3));
        assertThat(c.evaluate().beirPositives()).isEqualTo(dev.rerank4j.eval.RerankPositives.RETRIEVED_ONLY);
        assertThat(c.evaluate().sampleQueries()).isEqualTo(50);
        assertThat(c.evaluate().sampleSeed()).isEqualTo(3);
        assertThat(c.mine().train().outputScores()).isTrue();
        RecipeConfig defaults = RecipeConfigs.load(write(base), Map.of());
        assertThat(defaults.evaluate().fusion()).isEqualTo(dev.rerank4j.eval.ScoreFusion.none());
        assertThat(defaults.evaluate().beirPositives()).isEqualTo(dev.rerank4j.eval.RerankPositives.ALWAYS);
        assertThat(defaults.evaluate().sampleQueries()).isZero();
        Path bad = write(base + "evaluate: {fusion: 'convex:2'}\n");
        assertThatThrownBy(() -> RecipeConfigs.load(bad, Map.of()))
                .hasMessage(
                        bad + ": evaluate.fusion \"convex:2\": the convex fusion weight must be in [0, 1], got 2.0");
        Path policy = write(base + "evaluate: {rerank_positives: sometimes}\n");
        assertThatThrownBy(() -> RecipeConfigs.load(policy, Map.of()))
                .hasMessage(policy + ": evaluate.rerank_positives must be always or retrieved_only, got \"sometimes\"");
    }

    @Test
    void badValuesNameTheirKey() throws Exception {
        Path size = write("output_dir: runs/x\nsplit: {eval_size: -3}\nmine: {model: m}\ntrain: {model: m}\n");
        assertThatThrownBy(() -> RecipeConfigs.load(size, Map.of()))
                .hasMessage(size + ": split.eval_size must be a whole number of questions >= 1 or a fraction in"
                        + " (0, 1), got -3.0");
        Path negatives =
                write("output_dir: runs/x\nmine: {model: m, train: {num_negatives: many}}\ntrain: {model: m}\n");
        assertThatThrownBy(() -> RecipeConfigs.load(negatives, Map.of()))
                .hasMessage(negatives + ": mine.train.num_negatives must be a number, got \"many\"");
        Path noOut = write("mine: {model: m}\ntrain: {model: m}\n");
        assertThatThrownBy(() -> RecipeConfigs.load(noOut, Map.of()))
                .hasMessage(noOut + ": output_dir is missing: the run folder (e.g. runs/my-recipe)");
    }

    @Test
    void aDatasetWithoutTheNeededColumnsIsNamedWithItsColumns() throws Exception {
        Path data = Files.writeString(tmp.resolve("pairs.jsonl"), "{\"query\": \"q\", \"text\": \"t\"}\n");
        Path file = write("output_dir: " + tmp.resolve("run") + "\ndata: {path: " + data
                + "}\nmine: {model: m}\ntrain: {model: m}\n");
        RecipeConfig c = RecipeConfigs.load(file, Map.of());
        assertThatThrownBy(() -> QaData.read(c.data(), HubClient.fromEnvironment()))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(data + ": no column \"question\" for data.question (columns: query, text); name the"
                        + " columns with data.question, data.answer and data.group")
                .satisfies(
                        e -> assertThat(((Rerank4jException) e).isUserError()).isTrue());
    }

    @Test
    void theBundledSquadFileLoadsWithItsAnswerableQuestions() throws Exception {
        RecipeConfig c =
                RecipeConfigs.load(write("output_dir: runs/x\nmine: {model: m}\ntrain: {model: m}\n"), Map.of());
        List<QaRow> rows = QaData.read(c.data(), HubClient.fromEnvironment());
        assertThat(rows).hasSize(2910);
        Set<String> titles = new HashSet<>();
        Set<String> paragraphs = new HashSet<>();
        rows.forEach(r -> {
            titles.add(r.group());
            paragraphs.add(r.answer());
        });
        assertThat(titles).hasSize(16).contains("Normans", "Packet switching");
        assertThat(paragraphs).hasSize(646);
        assertThat(rows.get(0))
                .isEqualTo(new QaRow(
                        "In what country is Normandy located?", rows.get(0).answer(), "Normans"));
        assertThat(rows.get(0).answer()).startsWith("The Normans (Norman: Nourmands; French: Normands;");
        assertThat(QaData.licence(c.data())).contains("CC BY-SA 4.0");
        assertThat(QaData.class.getResource("/dev/rerank4j/recipe/SQUAD2-LICENCE.txt"))
                .isNotNull();
    }
}
