package dev.rerank4j.eval;

import dev.rerank4j.PairScorer;
import dev.rerank4j.ProgressListener;
import dev.rerank4j.hub.HubClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * sentence-transformers' {@code CrossEncoderNanoBEIREvaluator}: NanoBEIR's small BEIR subsets (50 queries each),
 * downloaded from the Hugging Face hub, their BM25 top {@code rerank_k} reranked by the model. One {@link
 * RerankingEvaluator} per dataset, named {@code Nano{Name}_R{k}}, reports the reranked and the BM25 ({@code base_})
 * MAP, MRR@k and NDCG@k; then the mean over datasets.
 *
 * <pre>{@code
 * NanoBeirEvaluator nano = NanoBeirEvaluator.load(HubClient.fromEnvironment(),
 *         NanoBeirOptions.defaults().withDatasetNames(List.of("msmarco", "nfcorpus", "nq")));
 * EvaluationResult result = nano.evaluate(model);   // result.metric("NanoBEIR_R100_mean_ndcg@10")
 * }</pre>
 *
 * <p>Keys: {@code NanoMSMARCO_R100_map}, {@code NanoMSMARCO_R100_mrr@10}, {@code NanoMSMARCO_R100_ndcg@10}, {@code
 * NanoMSMARCO_R100_base_*}, ..., then {@code NanoBEIR_R100_mean_{map,mrr@10,ndcg@10,base_map,base_mrr@10,
 * base_ndcg@10}}; primary {@code NanoBEIR_R100_mean_ndcg@10}. CSV logs: one per dataset and {@code
 * NanoBEIR_evaluation_mean_results.csv} ({@code epoch,steps,MAP,MRR@10,NDCG@10}). The data is read once, through the
 * hub cache (offline mode included), so evaluating every checkpoint of a run costs no download.
 */
public final class NanoBeirEvaluator implements Evaluator {
    private final Map<String, RerankingEvaluator> evaluators;
    private final NanoBeirOptions options;
    private final String name;

    private NanoBeirEvaluator(Map<String, RerankingEvaluator> evaluators, NanoBeirOptions options) {
        this.evaluators = evaluators;
        this.options = options;
        this.name = "NanoBEIR_R" + options.rerankK() + "_mean";
    }

    /**
     * Downloads (or reads from the hub cache) every dataset of {@code options} and prepares its queries.
     *
     * @throws IllegalArgumentException when a subset lacks a column or an id is missing
     * @throws dev.rerank4j.hub.HubException when the hub cannot provide the files (offline and not cached, ...)
     */
    public static NanoBeirEvaluator load(HubClient hub, NanoBeirOptions options) throws IOException {
        return load(hub, options, ProgressListener.NONE);
    }

    /** {@link #load(HubClient, NanoBeirOptions)}, reporting one step per dataset read. */
    public static NanoBeirEvaluator load(HubClient hub, NanoBeirOptions options, ProgressListener progress)
            throws IOException {
        Objects.requireNonNull(hub, "hub must not be null");
        Objects.requireNonNull(options, "options must not be null");
        Map<String, RerankingEvaluator> evaluators = new LinkedHashMap<>();
        try (ProgressListener.Task task = progress.start(
                "Loading NanoBEIR datasets", options.datasetNames().size(), "datasets")) {
            for (String shortName : options.datasetNames()) {
                String evaluatorName = evaluatorName(shortName, options.rerankK());
                if (evaluators.containsKey(evaluatorName)) {
                    throw new IllegalArgumentException("NanoBEIR dataset " + shortName + " is named twice");
                }
                List<RerankingQuery> queries = NanoBeirData.load(hub, shortName, options);
                evaluators.put(
                        evaluatorName, RerankingEvaluator.ofQueries(queries, rerankingOptions(evaluatorName, options)));
                task.step(1);
            }
        }
        return new NanoBeirEvaluator(evaluators, options);
    }

    /**
     * An evaluator over queries already prepared, one list per short dataset name (for tests and custom sources).
     */
    public static NanoBeirEvaluator ofQueries(Map<String, List<RerankingQuery>> queries, NanoBeirOptions options) {
        Map<String, RerankingEvaluator> evaluators = new LinkedHashMap<>();
        queries.forEach((shortName, list) -> {
            String evaluatorName = evaluatorName(shortName, options.rerankK());
            evaluators.put(evaluatorName, RerankingEvaluator.ofQueries(list, rerankingOptions(evaluatorName, options)));
        });
        if (evaluators.isEmpty()) {
            throw new IllegalArgumentException("a NanoBEIR evaluator needs at least one dataset");
        }
        return new NanoBeirEvaluator(evaluators, options);
    }

    /** {@code Nano{Name}_R{k}}, e.g. {@code NanoMSMARCO_R100}. */
    public static String evaluatorName(String shortName, int rerankK) {
        return "Nano" + NanoBeirOptions.displayName(shortName) + "_R" + rerankK;
    }

    private static RerankingOptions rerankingOptions(String evaluatorName, NanoBeirOptions options) {
        return new RerankingOptions(evaluatorName, options.atK(), options.rerankPositives(), options.pairsPerCall());
    }

    @Override
    public String name() {
        return name;
    }

    public NanoBeirOptions options() {
        return options;
    }

    /** The per-dataset evaluators, by their names ({@code NanoMSMARCO_R100}, ...), in evaluation order. */
    public Map<String, RerankingEvaluator> datasets() {
        return java.util.Collections.unmodifiableMap(evaluators);
    }

    @Override
    public EvaluationResult evaluate(PairScorer scorer, EvaluationContext context) {
        List<EvaluationResult> results = new ArrayList<>();
        for (RerankingEvaluator evaluator : evaluators.values()) {
            results.add(evaluator.evaluate(scorer, context));
        }
        EvaluationResult merged = merge(results);
        int k = options.atK();
        CsvLog.append(
                context,
                "NanoBEIR_evaluation_mean_results.csv",
                List.of("epoch", "steps", "MAP", "MRR@" + k, "NDCG@" + k),
                merged.metric(name + "_map"),
                merged.metric(name + "_mrr@" + k),
                merged.metric(name + "_ndcg@" + k));
        return merged;
    }

    /** BM25 alone: the {@code base_} metrics per dataset and their mean, without a model. */
    public EvaluationResult evaluateFirstStage() {
        List<EvaluationResult> results = new ArrayList<>();
        for (RerankingEvaluator evaluator : evaluators.values()) {
            results.add(evaluator.evaluateFirstStage());
        }
        return merge(results);
    }

    private EvaluationResult merge(List<EvaluationResult> results) {
        return EvaluationResult.meanOver(name, results, provenance());
    }

    private Map<String, String> provenance() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("evaluator", "CrossEncoderNanoBEIREvaluator");
        out.put("dataset_id", options.datasetId());
        out.put("revision", options.revision());
        out.put("dataset_names", String.join(",", options.datasetNames()));
        out.put("rerank_k", Integer.toString(options.rerankK()));
        out.put("at_k", Integer.toString(options.atK()));
        out.put("always_rerank_positives", Boolean.toString(options.rerankPositives() == RerankPositives.ALWAYS));
        evaluators.forEach((evaluatorName, evaluator) -> out.put(
                evaluatorName + ".queries", Integer.toString(evaluator.queries().size())));
        return out;
    }
}
