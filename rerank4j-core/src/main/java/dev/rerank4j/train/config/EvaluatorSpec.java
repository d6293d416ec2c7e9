package dev.rerank4j.train.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.data.ColumnMapping;
import dev.rerank4j.data.DataFormatException;
import dev.rerank4j.data.Dataset;
import dev.rerank4j.data.Row;
import dev.rerank4j.eval.BeirBenchmark;
import dev.rerank4j.eval.BeirOptions;
import dev.rerank4j.eval.ClassificationEvaluator;
import dev.rerank4j.eval.CorrelationEvaluator;
import dev.rerank4j.eval.Evaluator;
import dev.rerank4j.eval.LabeledPair;
import dev.rerank4j.eval.NanoBeirEvaluator;
import dev.rerank4j.eval.NanoBeirOptions;
import dev.rerank4j.eval.PairsOptions;
import dev.rerank4j.eval.RerankPositives;
import dev.rerank4j.eval.RerankingEvaluator;
import dev.rerank4j.eval.RerankingOptions;
import dev.rerank4j.eval.RerankingSample;
import dev.rerank4j.hub.HubClient;
import dev.rerank4j.loss.BinaryCrossEntropyLoss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One evaluator of a training config file ({@code evaluator:} or {@code evaluators: {name: {...}}}), run at every
 * evaluation step next to the evaluation loss; its metrics are logged as {@code eval_{name}_{metric}} and can select
 * the best model ({@code metric_for_best_model: eval_wikiqa-dev_map}).
 *
 * <pre>
 * evaluator:
 *   type: reranking                 # reranking | classification | correlation | beir | nanobeir
 *   name: wikiqa-dev
 *   path: ../shared/datasets/wikiqa/WikiQA-dev.tsv
 *   columns: {inputs: [Question, Sentence], label: Label}
 *   at_k: 10
 * </pre>
 *
 * <ul>
 *   <li>{@code reranking}: a JSON Lines file of sentence-transformers samples ({@code query}, {@code positive},
 *       {@code negative} or {@code documents}), or any dataset of labelled (query, document) pairs, grouped by query in
 *       file order (label &gt; 0 is relevant). Queries without a relevant document are left out unless
 *       {@code keep_queries_without_positive: true} (then they count as 0, as in the reference). MAP, MRR@k, NDCG@k;
 *       primary NDCG@k.
 *   <li>{@code classification}, {@code correlation}: a dataset of labelled pairs (two inputs and a label).
 *   <li>{@code beir}: BEIR-format folders ({@code path} or {@code paths}), BM25 top {@code rerank_k} reranked.
 *   <li>{@code nanobeir}: sentence-transformers' {@code CrossEncoderNanoBEIREvaluator} on the hub's NanoBEIR datasets
 *       ({@link NanoBeirEvaluator}): {@code datasets} (default: the 11 of the reference's default), {@code
 *       dataset_id} (default {@code sentence-transformers/NanoBEIR-en}), {@code revision}, {@code rerank_k},
 *       {@code at_k}, {@code always_rerank_positives} (default true); metrics {@code
 *       eval_NanoBEIR_R100_mean_ndcg@10} etc.
 * </ul>
 *
 * <p>The data keys of a training dataset ({@code column_names}, {@code columns}, {@code select}, {@code limit},
 * hub ids...) apply to the pair datasets.
 *
 * @param name the evaluator's name, the prefix of its metrics
 * @param type what it measures
 * @param data the labelled pairs (reranking over pairs, classification, correlation); null otherwise
 * @param samplesFile the samples file (reranking from sentence-transformers samples); null otherwise
 * @param beirDirs the BEIR folders; empty unless {@code beir}
 * @param atK the cut-off of MRR and NDCG
 * @param rerankK the BM25 depth for {@code beir}
 * @param keepQueriesWithoutPositive whether grouped queries without a relevant document stay (scoring 0)
 * @param nanoBeir the NanoBEIR settings; null unless {@code nanobeir}
 */
public record EvaluatorSpec(
        String name,
        Type type,
        DatasetSpec data,
        Path samplesFile,
        List<Path> beirDirs,
        int atK,
        int rerankK,
        boolean keepQueriesWithoutPositive,
        NanoBeirOptions nanoBeir) {
    /** What an evaluator measures. */
    public enum Type {
        RERANKING,
        CLASSIFICATION,
        CORRELATION,
        BEIR,
        NANOBEIR
    }

    private static final String TYPES = "reranking, classification, correlation, beir, nanobeir";
    private static final Set<String> NANOBEIR_KEYS =
            Set.of("type", "name", "at_k", "rerank_k", "datasets", "dataset_id", "revision", "always_rerank_positives");

    static final Set<String> OWN_KEYS =
            Set.of("type", "name", "at_k", "rerank_k", "paths", "keep_queries_without_positive");

    public EvaluatorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        beirDirs = List.copyOf(beirDirs);
        if (atK < 1) {
            throw new IllegalArgumentException(name + ".at_k must be >= 1, got " + atK);
        }
        if (rerankK < 1) {
            throw new IllegalArgumentException(name + ".rerank_k must be >= 1, got " + rerankK);
        }
    }

    /** A spec from a config mapping; {@code defaultName} applies when it has no {@code name}. */
    static EvaluatorSpec parse(String defaultName, JsonNode n) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(defaultName
                    + " must be a mapping with a type and a path (type: reranking, path: dev.jsonl), got " + n);
        }
        String name = ConfigValues.text(n, "name", defaultName, defaultName);
        String typeText = ConfigValues.text(n, "type", name, "");
        if (typeText.isEmpty()) {
            throw new IllegalArgumentException(name + ".type is missing: one of " + TYPES);
        }
        Type type;
        try {
            type = Type.valueOf(typeText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ".type must be one of " + TYPES + ", got " + typeText, e);
        }
        int atK = ConfigValues.integer(n, "at_k", name, 10);
        int rerankK = ConfigValues.integer(n, "rerank_k", name, 100);
        boolean keep = ConfigValues.bool(n, "keep_queries_without_positive", name, false);
        if (type == Type.NANOBEIR) {
            return new EvaluatorSpec(
                    name, type, null, null, List.of(), atK, rerankK, keep, nanoBeir(name, n, atK, rerankK));
        }
        if (type == Type.BEIR) {
            List<Path> dirs = new ArrayList<>();
            String path = ConfigValues.text(n, "path", name, "");
            if (!path.isEmpty()) {
                dirs.add(Path.of(path));
            }
            ConfigTree.strings(n, "paths", name).forEach(p -> dirs.add(Path.of(p)));
            if (dirs.isEmpty()) {
                throw new IllegalArgumentException(name + ".path is missing: a BEIR folder (corpus, queries, qrels)");
            }
            n.fieldNames().forEachRemaining(k -> {
                if (!OWN_KEYS.contains(k) && !k.equals("path")) {
                    throw new IllegalArgumentException("unknown key \"" + k + "\" in beir evaluator " + name
                            + " (known: at_k, name, path, paths, rerank_k, type)");
                }
            });
            return new EvaluatorSpec(name, type, null, null, dirs, atK, rerankK, keep, null);
        }
        ObjectNode dataNode = ((ObjectNode) n).deepCopy();
        dataNode.remove(OWN_KEYS);
        String path = ConfigValues.text(n, "path", name, "");
        if (type == Type.RERANKING && isSamplesFile(path)) {
            dataNode.fieldNames().forEachRemaining(k -> {
                if (!k.equals("path")) {
                    throw new IllegalArgumentException("\"" + k + "\" does not apply to evaluator " + name + ": " + path
                            + " holds sentence-transformers samples (query, positive, negative)");
                }
            });
            return new EvaluatorSpec(name, type, null, Path.of(path), List.of(), atK, rerankK, keep, null);
        }
        if (dataNode.has("group_by_query")) {
            throw new IllegalArgumentException("\"group_by_query\" does not apply to evaluator " + name
                    + ": a reranking evaluator groups its pairs by query itself");
        }
        DatasetSpec data;
        try {
            data = DatasetSpec.parse(name, dataNode, new BinaryCrossEntropyLoss(), 42);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("evaluator " + e.getMessage(), e);
        }
        return new EvaluatorSpec(name, type, data, null, List.of(), atK, rerankK, keep, null);
    }

    private static NanoBeirOptions nanoBeir(String name, JsonNode n, int atK, int rerankK) {
        n.fieldNames().forEachRemaining(k -> {
            if (!NANOBEIR_KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown key \"" + k + "\" in nanobeir evaluator " + name
                        + " (known: "
                        + String.join(", ", NANOBEIR_KEYS.stream().sorted().toList()) + ")");
            }
        });
        NanoBeirOptions defaults = NanoBeirOptions.defaults();
        List<String> datasets = ConfigTree.strings(n, "datasets", name);
        try {
            return defaults.withDatasetNames(datasets.isEmpty() ? defaults.datasetNames() : datasets)
                    .withDatasetId(ConfigValues.text(n, "dataset_id", name, defaults.datasetId()))
                    .withRevision(ConfigValues.text(n, "revision", name, defaults.revision()))
                    .withRerankK(rerankK)
                    .withAtK(atK)
                    .withRerankPositives(
                            ConfigValues.bool(n, "always_rerank_positives", name, true)
                                    ? RerankPositives.ALWAYS
                                    : RerankPositives.RETRIEVED_ONLY);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** A JSON Lines file whose first record has a {@code positive} field: sentence-transformers samples. */
    private static boolean isSamplesFile(String path) {
        Path p = Path.of(path);
        String file = p.getFileName() == null ? "" : p.getFileName().toString();
        if (!Files.isRegularFile(p) || !(file.endsWith(".jsonl") || file.endsWith(".jsonl.gz"))) {
            return false;
        }
        try (var reader = dev.rerank4j.data.TextFiles.open(p)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    JsonNode first = ConfigTree.YAML.readTree(line);
                    return first.has("positive");
                }
            }
            return false;
        } catch (IOException | DataFormatException e) {
            return false; // the dataset reader reports the problem with its line
        }
    }

    /** Loads the data and builds the evaluator. */
    public Evaluator build(HubClient hub) throws IOException {
        return switch (type) {
            case BEIR ->
                BeirBenchmark.prepare(
                        beirDirs, BeirOptions.defaults().withRerankK(rerankK).withAtK(atK));
            case RERANKING ->
                samplesFile != null
                        ? RerankingEvaluator.fromJsonl(samplesFile, rerankingOptions())
                        : RerankingEvaluator.of(groupByQuery(pairs(hub)), rerankingOptions());
            case CLASSIFICATION -> ClassificationEvaluator.of(pairs(hub), PairsOptions.named(name));
            case CORRELATION -> CorrelationEvaluator.of(pairs(hub), PairsOptions.named(name));
            case NANOBEIR -> NanoBeirEvaluator.load(hub, nanoBeir);
        };
    }

    private RerankingOptions rerankingOptions() {
        return RerankingOptions.defaults().withName(name).withAtK(atK);
    }

    /** The labelled pairs of {@link #data}: two input columns and a numeric label, by the column rules. */
    private List<LabeledPair> pairs(HubClient hub) throws IOException {
        Dataset d = data.load(hub).train();
        ColumnMapping columns = data.columns().resolve(d.columns());
        String label = columns.labelColumn().orElse(null);
        if (columns.inputs().size() != 2 || label == null) {
            throw new IllegalArgumentException("evaluator " + name + " needs two input columns and a label column;"
                    + " " + data.path() + " has " + d.columns() + " (mapped as " + columns
                    + "): set columns: {inputs: [query, document], label: label}");
        }
        List<LabeledPair> out = new ArrayList<>(d.size());
        for (Row row : d.rows()) {
            String first = text(row, columns.inputs().get(0));
            String second = text(row, columns.inputs().get(1));
            Object value = row.get(label).orElse(null);
            double y;
            if (value instanceof Number number) {
                y = number.doubleValue();
            } else if (value instanceof Boolean b) {
                y = b ? 1 : 0;
            } else {
                try {
                    y = Double.parseDouble(String.valueOf(value).trim());
                } catch (NumberFormatException e) {
                    throw row.error("column " + label + " must be a number, got " + value);
                }
            }
            out.add(new LabeledPair(first, second, y));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("evaluator " + name + ": " + data.path() + " has no rows");
        }
        return out;
    }

    private static String text(Row row, String column) throws IOException {
        Object value = row.get(column).orElse(null);
        if (!(value instanceof String s)) {
            throw row.error("column " + column + " must be text, got " + (value == null ? "nothing" : value));
        }
        return s;
    }

    /** Reranking samples: pairs grouped by query in first-seen order, label &gt; 0 relevant. */
    private List<RerankingSample> groupByQuery(List<LabeledPair> pairs) {
        Map<String, List<String>> positives = new LinkedHashMap<>();
        Map<String, List<String>> negatives = new LinkedHashMap<>();
        for (LabeledPair p : pairs) {
            positives.computeIfAbsent(p.first(), q -> new ArrayList<>());
            negatives.computeIfAbsent(p.first(), q -> new ArrayList<>());
            (p.label() > 0 ? positives : negatives).get(p.first()).add(p.second());
        }
        List<RerankingSample> samples = new ArrayList<>();
        positives.forEach((query, pos) -> {
            if (!pos.isEmpty() || keepQueriesWithoutPositive) {
                samples.add(RerankingSample.withNegatives(query, pos, negatives.get(query)));
            }
        });
        if (samples.isEmpty()) {
            throw new IllegalArgumentException(
                    "evaluator " + name + ": no query of " + data.path() + " has a relevant document (label > 0)");
        }
        return samples;
    }
}
