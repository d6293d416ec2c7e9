package dev.rerank4j.train.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.data.DatasetSplit;
import dev.rerank4j.hub.HubClient;
import dev.rerank4j.loss.BinaryCrossEntropyLoss;
import dev.rerank4j.loss.CrossEntropyLoss;
import dev.rerank4j.loss.LossConfig;
import dev.rerank4j.loss.LossConfigs;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.train.CrossEncoderTrainer;
import dev.rerank4j.train.TrainingArguments;
import dev.rerank4j.train.TrainingDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A training run described by a YAML or JSON file: the model, the datasets with their losses, and the training
 * arguments under their transformers names, all at the top level.
 *
 * <pre>
 * model: sentence-transformers/all-MiniLM-L6-v2
 * max_length: 128
 * train_dataset:
 *   path: data/train.tsv
 *   column_names: [question, answer, label]
 * eval_dataset: {path: data/dev.tsv, column_names: [question, answer, label]}
 * loss: {name: BinaryCrossEntropyLoss, pos_weight: 5}
 * output_dir: models/my-reranker
 * num_train_epochs: 1
 * learning_rate: 2.0e-5
 * </pre>
 *
 * <p>Evaluators ({@code evaluator:} or {@code evaluators: {name: {...}}}, see {@link EvaluatorSpec}) add ranking,
 * classification or correlation metrics to every evaluation.
 *
 * <p>Several datasets: {@code train_datasets: {gooaq: {...}, msmarco: {...}}}, each may name its own {@code loss}.
 * Command-line overrides replace any value by its dotted key ({@code learning_rate}, {@code train_dataset.limit}).
 * Relative paths are relative to the working directory. Every problem fails before any work, naming the file and the
 * key.
 *
 * @param model a model directory or hub id
 * @param revision the model's hub revision
 * @param maxLength tokens per pair; 0 = the model's maximum
 * @param numLabels outputs of the head; 0 = as the checkpoint says (1 for a base model)
 * @param trainDatasets the training datasets
 * @param evalDatasets the evaluation datasets (the {@code test_size} parts of training datasets are added to them)
 * @param evaluators the evaluators run at every evaluation, next to the evaluation loss
 * @param args the training arguments
 */
public record TrainConfig(
        String model,
        String revision,
        int maxLength,
        int numLabels,
        List<DatasetSpec> trainDatasets,
        List<DatasetSpec> evalDatasets,
        List<EvaluatorSpec> evaluators,
        TrainingArguments args) {
    static final Set<String> KEYS = Set.of(
            "model",
            "revision",
            "max_length",
            "num_labels",
            "train_dataset",
            "train_datasets",
            "eval_dataset",
            "eval_datasets",
            "evaluator",
            "evaluators",
            "loss");

    public TrainConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(args, "args");
        trainDatasets = List.copyOf(trainDatasets);
        evalDatasets = List.copyOf(evalDatasets);
        evaluators = List.copyOf(evaluators);
        if (trainDatasets.isEmpty()) {
            throw new IllegalArgumentException("train_dataset is missing: name the training data");
        }
    }

    /**
     * Reads a config file and applies command-line overrides (dotted keys, values as YAML scalars).
     *
     * @throws IllegalArgumentException naming the file and the key of the first problem
     */
    public static TrainConfig load(Path file, Map<String, String> overrides) throws IOException {
        ObjectNode tree = ConfigTree.read(file, overrides);
        try {
            return parse(tree);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A config from its values, as a YAML mapping holds them (strings, numbers, booleans, lists and maps): what a
     * file's top level holds. Other programs (the recipe) build a training run this way.
     *
     * @throws IllegalArgumentException naming the key of the first problem
     */
    public static TrainConfig fromMap(Map<String, ?> values) {
        return parse(ConfigTree.YAML.valueToTree(values));
    }

    static TrainConfig parse(ObjectNode tree) {
        Map<String, Object> argValues = new LinkedHashMap<>();
        tree.fields().forEachRemaining(e -> {
            if (!KEYS.contains(e.getKey())) {
                argValues.put(e.getKey(), ConfigTree.plain(e.getValue()));
            }
        });
        TrainingArguments args;
        try {
            args = TrainingArguments.of(argValues);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage()
                    .replace(
                            "(see TrainingArguments for the names)",
                            "(config keys: "
                                    + String.join(", ", KEYS.stream().sorted().toList())
                                    + ", and the training arguments)"));
        }
        String model = ConfigValues.text(tree, "model", "", "");
        if (model.isEmpty()) {
            throw new IllegalArgumentException("model is missing: a model directory or hub id");
        }
        int numLabels = ConfigValues.wholeNumber(tree, "num_labels", "", 0, 0);
        LossConfig defaultLoss = tree.has("loss")
                ? loss(tree.get("loss"), "loss")
                : numLabels > 1 ? new CrossEntropyLoss() : new BinaryCrossEntropyLoss();
        return new TrainConfig(
                model,
                ConfigValues.text(tree, "revision", "", "main"),
                ConfigValues.wholeNumber(tree, "max_length", "", 0, 0),
                numLabels,
                datasets(tree, "train_dataset", "train", defaultLoss, args.seed()),
                datasets(tree, "eval_dataset", "eval", defaultLoss, args.seed()),
                evaluators(tree),
                args);
    }

    private static List<DatasetSpec> datasets(
            ObjectNode tree, String single, String defaultName, LossConfig loss, long seed) {
        List<DatasetSpec> out = new ArrayList<>();
        if (tree.has(single) && !tree.get(single).isNull()) {
            out.add(DatasetSpec.parse(defaultName, tree.get(single), loss, seed));
        }
        JsonNode many = tree.get(single + "s");
        if (many != null && !many.isNull()) {
            if (!many.isObject()) {
                throw new IllegalArgumentException(single + "s must map dataset names to datasets, got " + many);
            }
            many.fields().forEachRemaining(e -> out.add(DatasetSpec.parse(e.getKey(), e.getValue(), loss, seed)));
        }
        return out;
    }

    private static List<EvaluatorSpec> evaluators(ObjectNode tree) {
        List<EvaluatorSpec> out = new ArrayList<>();
        JsonNode one = tree.get("evaluator");
        if (one != null && !one.isNull()) {
            out.add(EvaluatorSpec.parse("dev", one));
        }
        JsonNode many = tree.get("evaluators");
        if (many != null && !many.isNull()) {
            if (many.isObject()) {
                many.fields().forEachRemaining(e -> out.add(EvaluatorSpec.parse(e.getKey(), e.getValue())));
            } else if (many.isArray()) {
                for (int i = 0; i < many.size(); i++) {
                    out.add(EvaluatorSpec.parse("evaluators[" + i + "]", many.get(i)));
                }
            } else {
                throw new IllegalArgumentException(
                        "evaluators must map names to evaluators (or be a list of them), got " + many);
            }
        }
        List<String> names = out.stream().map(EvaluatorSpec::name).toList();
        for (int i = 0; i < names.size(); i++) {
            if (names.indexOf(names.get(i)) != i) {
                throw new IllegalArgumentException("two evaluators are named \"" + names.get(i)
                        + "\": give each a distinct name (their metrics would collide)");
            }
        }
        return out;
    }

    /** A loss from {@code BinaryCrossEntropyLoss} or {@code {name: BinaryCrossEntropyLoss, pos_weight: 5}}. */
    static LossConfig loss(JsonNode n, String where) {
        try {
            if (n.isTextual()) {
                return LossConfigs.parse(n.asText());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) ConfigTree.plain(n);
            if (spec == null) {
                throw new IllegalArgumentException("a loss name or {name: ..., parameters}, got " + n);
            }
            return LossConfigs.parse(spec);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** How the model is loaded. */
    public CrossEncoderOptions modelOptions() {
        return CrossEncoderOptions.defaults().withMaxLength(maxLength).withNumLabels(numLabels);
    }

    /** Loads the model this config names. */
    public CrossEncoder loadModel() {
        return CrossEncoder.load(model, revision, modelOptions());
    }

    /**
     * Loads the datasets and builds the trainer for a model.
     *
     * @param hub where hub datasets come from, and where {@code push_to_hub} uploads to
     */
    public CrossEncoderTrainer.Builder trainer(CrossEncoder crossEncoder, HubClient hub) throws IOException {
        CrossEncoderTrainer.Builder b =
                CrossEncoderTrainer.builder(crossEncoder, args).hubOptions(hub.options());
        List<TrainingDataset> heldOut = new ArrayList<>();
        for (DatasetSpec s : trainDatasets) {
            DatasetSplit split = s.load(hub);
            b.trainDataset(new TrainingDataset(s.name(), split.train(), s.loss(), s.trainingColumns()));
            if (split.test().size() > 0) {
                heldOut.add(new TrainingDataset(s.name() + "-test", split.test(), s.loss(), s.trainingColumns()));
            }
        }
        for (DatasetSpec s : evalDatasets) {
            b.evalDataset(new TrainingDataset(s.name(), s.load(hub).train(), s.loss(), s.trainingColumns()));
        }
        heldOut.forEach(b::evalDataset);
        for (EvaluatorSpec s : evaluators) {
            b.evaluator(s.build(hub));
        }
        return b;
    }
}
