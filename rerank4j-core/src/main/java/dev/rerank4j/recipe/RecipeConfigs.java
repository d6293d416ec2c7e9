package dev.rerank4j.recipe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.rerank4j.eval.RerankPositives;
import dev.rerank4j.eval.ScoreFusion;
import dev.rerank4j.mining.MiningOptions;
import dev.rerank4j.mining.OutputFormat;
import dev.rerank4j.mining.SamplingStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code recipe.yaml}. Every key at every level is checked: an unknown one fails with the closest valid name,
 * a value of the wrong type names its dotted key; the {@code train:} section is checked by the training config's own
 * rules ({@link dev.rerank4j.train.config.TrainConfig}).
 *
 * <pre>
 * output_dir: runs/squad-minilm
 * data:                                  # default: the bundled SQuAD 2.0 half-dev set
 *   path: bundled:squad2-dev-half        # or squad.json, pairs.jsonl/.tsv/.parquet, or a hub id org/name
 *   question: question                   # columns; the bundled set: question, context, title
 *   answer: context
 *   group: title                         # what the split keeps together; default: the question
 * split: {eval_size: 300, train_size: 0, seed: 12}
 * mine:
 *   model: sentence-transformers/all-MiniLM-L6-v2
 *   batch_size: 64
 *   train: {num_negatives: 5, range_max: 50, sampling: top, output_format: labeled-pair}
 *   eval: {top_k: 30, include_positives: true}
 * train:                                 # the keys of a rerank4j train config, without the datasets
 *   model: sentence-transformers/all-MiniLM-L6-v2
 *   num_train_epochs: 1
 * evaluate: {name: squad-dev, at_k: 10, beir: [../shared/datasets/beir-scifact], examples: 4}
 * </pre>
 */
public final class RecipeConfigs {
    static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private static final List<String> TOP = List.of("output_dir", "data", "split", "mine", "train", "evaluate");
    private static final List<String> DATA = List.of(
            "path", "question", "answer", "group", "column_names", "config", "split", "revision", "limit", "licence");
    private static final List<String> SPLIT = List.of("eval_size", "train_size", "seed");
    private static final List<String> MINE =
            List.of("model", "revision", "max_seq_length", "search", "batch_size", "train", "eval");
    private static final List<String> MINE_TRAIN = List.of(
            "num_negatives",
            "range_min",
            "range_max",
            "max_score",
            "min_score",
            "absolute_margin",
            "relative_margin",
            "sampling",
            "seed",
            "output_format",
            "output_scores");
    private static final List<String> MINE_EVAL = List.of("top_k", "include_positives");
    private static final List<String> EVALUATE = List.of(
            "name",
            "at_k",
            "batch_size",
            "beir",
            "rerank_k",
            "examples",
            "fusion",
            "rerank_positives",
            "sample_queries",
            "sample_seed",
            "beir_before");
    private static final List<String> RECIPE_OWNED = List.of("train_dataset", "train_datasets", "output_dir");

    private RecipeConfigs() {}

    /**
     * Reads a recipe file and applies overrides by dotted key ({@code train.max_steps}, {@code split.eval_size}),
     * each value read as YAML.
     *
     * @throws IllegalArgumentException naming the file and the key of the first problem
     */
    public static RecipeConfig load(Path file, Map<String, String> overrides) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such recipe file");
        }
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new IllegalArgumentException(
                    file + (line > 0 ? ":" + line : "") + ": not valid YAML (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            root = YAML.createObjectNode();
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(file + ": a recipe is a mapping of sections (" + TOP + ")");
        }
        ObjectNode tree = (ObjectNode) root;
        overrides.forEach((k, v) -> override(tree, k, v));
        try {
            return parse(tree);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** A recipe from its tree. */
    static RecipeConfig parse(ObjectNode tree) {
        Keys.check(tree, "", TOP);
        String outputDir = Keys.text(tree, "output_dir", "", "");
        if (outputDir.isEmpty()) {
            throw new IllegalArgumentException("output_dir is missing: the run folder (e.g. runs/my-recipe)");
        }
        JsonNode trainNode = Keys.section(tree, "train");
        if (trainNode.isMissingNode()) {
            throw new IllegalArgumentException("train is missing: the reranker model and training arguments");
        }
        for (String owned : RECIPE_OWNED) {
            if (trainNode.has(owned)) {
                throw new IllegalArgumentException("train." + owned + " is set by the recipe (the mined training data,"
                        + " the run folder): remove it"
                        + (owned.equals("output_dir") ? " and set output_dir at the top" : ""));
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> train = YAML.convertValue(trainNode, LinkedHashMap.class);
        String text;
        try {
            text = YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the config back as YAML", e);
        }
        RecipeConfig config = new RecipeConfig(
                text,
                Path.of(outputDir),
                data(Keys.section(tree, "data")),
                split(Keys.section(tree, "split")),
                mine(Keys.section(tree, "mine")),
                train,
                evaluate(Keys.section(tree, "evaluate")));
        config.trainConfig(config.outputDir().resolve("mined").resolve("train.jsonl")); // check the section now
        return config;
    }

    private static DataSpec data(JsonNode n) {
        Keys.check(n, "data", DATA);
        String path = Keys.text(n, "path", "data", DataSpec.BUNDLED);
        boolean squad = path.equals(DataSpec.BUNDLED) || QaData.isSquadJson(Path.of(path));
        return new DataSpec(
                path,
                Keys.text(n, "question", "data", "question"),
                Keys.text(n, "answer", "data", squad ? "context" : "answer"),
                Keys.text(n, "group", "data", squad ? "title" : ""),
                Keys.strings(n, "column_names", "data"),
                Keys.text(n, "config", "data", ""),
                Keys.text(n, "split", "data", "train"),
                Keys.text(n, "revision", "data", "main"),
                Keys.whole(n, "limit", "data", 0, 0),
                Keys.text(n, "licence", "data", ""));
    }

    private static SplitSpec split(JsonNode n) {
        Keys.check(n, "split", SPLIT);
        return new SplitSpec(
                Keys.number(n, "eval_size", "split", 0.1),
                Keys.whole(n, "train_size", "split", 0, 0),
                Keys.longValue(n, "seed", "split", 12));
    }

    private static MineSpec mine(JsonNode n) {
        Keys.check(n, "mine", MINE);
        JsonNode t = Keys.section(n, "train");
        Keys.check(t, "mine.train", MINE_TRAIN);
        JsonNode e = Keys.section(n, "eval");
        Keys.check(e, "mine.eval", MINE_EVAL);
        String w = "mine.train";
        MiningOptions o;
        try {
            o = MiningOptions.defaults()
                    .withNumNegatives(Keys.whole(t, "num_negatives", w, 5, 1))
                    .withRangeMin(Keys.whole(t, "range_min", w, 0, 0))
                    .withOutputFormat(OutputFormat.fromName(Keys.text(t, "output_format", w, "labeled-pair")))
                    .withBatchSize(Keys.whole(n, "batch_size", "mine", 32, 1))
                    .withSampling(sampling(t))
                    .withOutputScores(Keys.bool(t, "output_scores", w, false));
            if (Keys.present(t, "range_max")) {
                o = o.withRangeMax(Keys.whole(t, "range_max", w, 0, 1));
            }
            if (Keys.present(t, "max_score")) {
                o = o.withMaxScore(Keys.number(t, "max_score", w, 0));
            }
            if (Keys.present(t, "min_score")) {
                o = o.withMinScore(Keys.number(t, "min_score", w, 0));
            }
            if (Keys.present(t, "absolute_margin")) {
                o = o.withAbsoluteMargin(Keys.number(t, "absolute_margin", w, 0));
            }
            if (Keys.present(t, "relative_margin")) {
                o = o.withRelativeMargin(Keys.number(t, "relative_margin", w, 0));
            }
        } catch (IllegalArgumentException ex) {
            throw ex.getMessage().startsWith("mine.") ? ex : new IllegalArgumentException(w + ": " + ex.getMessage());
        }
        return new MineSpec(
                Keys.text(n, "model", "mine", ""),
                Keys.text(n, "revision", "mine", "main"),
                Keys.whole(n, "max_seq_length", "mine", 0, 0),
                Keys.text(n, "search", "mine", "exact"),
                o,
                Keys.whole(e, "top_k", "mine.eval", 30, 1),
                Keys.bool(e, "include_positives", "mine.eval", true));
    }

    private static SamplingStrategy sampling(JsonNode t) {
        String s = Keys.text(t, "sampling", "mine.train", "top");
        return switch (s) {
            case "top" -> SamplingStrategy.top();
            case "random" -> SamplingStrategy.random(Keys.longValue(t, "seed", "mine.train", 12));
            default ->
                throw new IllegalArgumentException("mine.train.sampling must be top or random, got \"" + s + "\"");
        };
    }

    private static EvaluateSpec evaluate(JsonNode n) {
        Keys.check(n, "evaluate", EVALUATE);
        List<Path> beir = new ArrayList<>();
        Keys.strings(n, "beir", "evaluate").forEach(p -> beir.add(Path.of(p)));
        return new EvaluateSpec(
                Keys.text(n, "name", "evaluate", "dev"),
                Keys.whole(n, "at_k", "evaluate", 10, 1),
                Keys.whole(n, "batch_size", "evaluate", 32, 1),
                beir,
                Keys.whole(n, "rerank_k", "evaluate", 100, 1),
                Keys.whole(n, "examples", "evaluate", 4, 0),
                fusion(Keys.text(n, "fusion", "evaluate", "none")),
                positives(Keys.text(n, "rerank_positives", "evaluate", "always")),
                Keys.whole(n, "sample_queries", "evaluate", 0, 0),
                Keys.longValue(n, "sample_seed", "evaluate", 12),
                Keys.bool(n, "beir_before", "evaluate", true));
    }

    private static ScoreFusion fusion(String text) {
        try {
            return ScoreFusion.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("evaluate." + e.getMessage(), e);
        }
    }

    private static RerankPositives positives(String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT).replace('-', '_')) {
            case "always" -> RerankPositives.ALWAYS;
            case "retrieved_only" -> RerankPositives.RETRIEVED_ONLY;
            default ->
                throw new IllegalArgumentException(
                        "evaluate.rerank_positives must be always or retrieved_only, got \"" + text + "\"");
        };
    }

    /** Sets {@code a.b.c} to a value read as YAML, creating mappings on the way. */
    static void override(ObjectNode tree, String dottedKey, String value) {
        String[] parts = dottedKey.replace('-', '_').split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
        }
        JsonNode parsed;
        try {
            parsed = value.isEmpty() ? YAML.getNodeFactory().textNode("") : YAML.readTree(value);
        } catch (JsonProcessingException e) {
            parsed = YAML.getNodeFactory().textNode(value);
        }
        node.set(parts[parts.length - 1], parsed == null ? YAML.getNodeFactory().nullNode() : parsed);
    }
}
