package dev.rerank4j.recipe;

import dev.rerank4j.train.config.TrainConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A recipe run, as a {@code recipe.yaml} describes it (see {@link RecipeConfigs} for the file).
 *
 * @param text the config as run (YAML, overrides applied): copied into the run folder and the report
 * @param outputDir the run folder
 * @param data where the question–answer pairs come from
 * @param split the held-out evaluation questions
 * @param mine the embedding model and mining options
 * @param train the {@code train:} section as plain values, with the keys of a {@code rerank4j train} config; the
 *     recipe adds the mined training data, the evaluator and {@code output_dir}
 * @param evaluate the evaluations before and after training
 */
public record RecipeConfig(
        String text,
        Path outputDir,
        DataSpec data,
        SplitSpec split,
        MineSpec mine,
        Map<String, Object> train,
        EvaluateSpec evaluate) {
    public RecipeConfig {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(mine, "mine");
        Objects.requireNonNull(evaluate, "evaluate");
        train = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(train));
        if (!train.containsKey("model")) {
            throw new IllegalArgumentException("train.model is missing: the reranker to train (a directory or hub id;"
                    + " a base model gets a fresh head)");
        }
    }

    /** The reranker model the {@code train:} section names. */
    public String trainModel() {
        return String.valueOf(train.get("model"));
    }

    /** The metric training selects the best checkpoint by, unless the section names one. */
    public String defaultBestMetric() {
        return "eval_" + evaluate.name() + "_ndcg@" + evaluate.atK();
    }

    /**
     * The training run: the {@code train:} section plus the mined training file, {@code output_dir} = the run folder,
     * and the recipe's defaults ({@code BinaryCrossEntropyLoss} with {@code pos_weight = num_negatives}, best
     * checkpoint by the mined evaluation set's NDCG when the run evaluates, no evaluation on start: the baseline is
     * the {@code evaluate-before} stage).
     *
     * @throws IllegalArgumentException naming the key of the first problem, prefixed {@code train.}
     */
    public TrainConfig trainConfig(Path trainFile) {
        Map<String, Object> values = new LinkedHashMap<>(train);
        values.put("train_dataset", Map.of("path", trainFile.toString()));
        values.put("output_dir", outputDir.toString());
        values.putIfAbsent(
                "loss",
                Map.of(
                        "name",
                        "BinaryCrossEntropyLoss",
                        "pos_weight",
                        mine.train().numNegatives()));
        values.putIfAbsent("eval_on_start", false);
        Object strategy = values.getOrDefault("eval_strategy", "no");
        // YAML 1.1 reads an unquoted no as false
        if (!String.valueOf(strategy).equals("no") && !Boolean.FALSE.equals(strategy)) {
            values.putIfAbsent("metric_for_best_model", defaultBestMetric());
            values.putIfAbsent("load_best_model_at_end", true);
        }
        try {
            return TrainConfig.fromMap(values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("train." + e.getMessage(), e);
        }
    }
}
