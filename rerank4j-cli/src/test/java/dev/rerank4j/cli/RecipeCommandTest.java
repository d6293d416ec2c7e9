package dev.rerank4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.recipe.TinyRecipe;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code rerank4j recipe} end to end on tiny data, its dry run, the shipped examples' plans and bad configs. */
class RecipeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    @Test
    void runsTheWholeRecipeAndReusesItsStagesOnTheNextRun() throws Exception {
        Path config = TinyRecipe.config(tmp, "");
        int code = Main.run("recipe", "--config", config.toString(), "--train.max_steps", "2");
        assertThat(code).as(console.err()).isZero();
        Path run = tmp.resolve("run");
        JsonNode report = JSON.readTree(run.resolve("report.json").toFile());
        assertThat(report.path("evaluations")).hasSize(2);
        assertThat(report.path("mining")).hasSize(2);
        assertThat(report.path("data").path("licence").asText()).isEmpty();
        assertThat(run.resolve("final/config.json")).isRegularFile();
        assertThat(run.resolve("recipe.yaml")).content().contains("max_steps: 2");
        assertThat(console.err())
                .contains("rerank4j recipe: mine-train: done in ")
                .contains("rerank4j recipe: tiny-dev (top 8) ndcg@10: first stage ")
                .contains("rerank4j recipe: report in " + run.resolve("report.json"));

        int again = Main.run("recipe", "--config", config.toString(), "--train.max_steps", "2");
        assertThat(again).isZero();
        assertThat(console.err())
                .contains("rerank4j recipe: mine-train: reused (")
                .contains("train: reused (");
    }

    @Test
    void theShippedRecipesParseAndPlanEveryStageOffline() throws Exception {
        for (String example :
                new String[] {"gooaq-modernbert-bce.yaml", "recipe-squad-minilm.yaml", "recipe-general-minilm.yaml"}) {
            Path file = Path.of("..", "examples", example);
            int code = Main.run(
                    "recipe",
                    "--config",
                    file.toString(),
                    "--dry-run",
                    "--output_dir",
                    tmp.resolve(example).toString());
            assertThat(code).as(console.err()).isZero();
            for (String stage : new String[] {
                "load", "split", "mine-train", "mine-eval", "evaluate-before", "train", "evaluate-after", "report"
            }) {
                assertThat(console.out()).containsPattern("(?m)^  " + stage + " +run +[0-9a-f]{16}  ");
            }
            assertThat(tmp.resolve(example)).doesNotExist();
        }
        assertThat(console.out())
                .contains("read sentence-transformers/gooaq (question: question, answer: answer, group: the question,"
                        + " first 100000 rows)")
                .contains("mine 5 hard negatives per training question with"
                        + " sentence-transformers/static-retrieval-mrl-en-v1 (labeled-pair, range_max 100)")
                .contains("mine the top 30 documents of every evaluation question (positives included)")
                .contains("train answerdotai/ModernBERT-base");
    }

    @Test
    void aBadConfigIsOneLineNamingTheKeyAndExits2() throws Exception {
        Path config = TinyRecipe.config(tmp, "");
        Files.writeString(config, Files.readString(config).replace("examples: 3", "exemples: 3"));
        int code = Main.run("recipe", "--config", config.toString(), "--dry-run");
        assertThat(code).isEqualTo(2);
        assertThat(console.err().strip())
                .isEqualTo("rerank4j recipe: " + config + ": unknown key \"exemples\" in evaluate (did you mean"
                        + " \"examples\"?); known: name, at_k, batch_size, beir, rerank_k, examples, fusion,"
                        + " rerank_positives, sample_queries, sample_seed, beir_before");
    }
}
