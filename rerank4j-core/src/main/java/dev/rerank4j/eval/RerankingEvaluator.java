package dev.rerank4j.eval;

import dev.rerank4j.PairScorer;
import dev.rerank4j.TextPair;
import dev.rerank4j.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * sentence-transformers' {@code CrossEncoderRerankingEvaluator}: reranks each query's candidates with the model and
 * reports the mean MAP, MRR@k and NDCG@k ({@link RankingMetrics}), plus the {@code base_} metrics of the first-stage
 * order when the samples carry one. A query with no relevant candidate is not scored and counts as 0 in every mean.
 *
 * <p>Keys: {@code {name}_map}, {@code {name}_mrr@{k}}, {@code {name}_ndcg@{k}} (primary), then {@code base_map},
 * {@code base_mrr@{k}}, {@code base_ndcg@{k}}; per-query values {@code mrr@{k}}, {@code ndcg@{k}}, {@code ap} and
 * their {@code base_} twins. Queries that carry their relevance judgments ({@link RerankingQuery#withJudgments}, as
 * {@link BeirBenchmark}'s do) also get {@code judged_ndcg@{k}} and {@code base_judged_ndcg@{k}} after those: NDCG as
 * BEIR reports it ({@link RankingMetrics#ndcgOverJudged}). CSV log:
 * {@code CrossEncoderRerankingEvaluator_{name}_results_@{k}.csv} with {@code epoch,steps,MAP,MRR@k,NDCG@k}, one row
 * appended per call.
 *
 * <p>All pairs of all queries are pooled and scored in calls of at most {@link RerankingOptions#pairsPerCall()}
 * pairs. Beyond the reference, grades above 1 are used as linear NDCG gains (MRR and MAP treat grade &gt; 0 as
 * relevant).
 */
public final class RerankingEvaluator implements Evaluator {
    private final List<RerankingQuery> queries;
    private final RerankingOptions options;
    private final boolean firstStage;
    private final ScoreFusion fusion;

    private RerankingEvaluator(List<RerankingQuery> queries, RerankingOptions options) {
        this(queries, options, ScoreFusion.none());
    }

    private RerankingEvaluator(List<RerankingQuery> queries, RerankingOptions options, ScoreFusion fusion) {
        this.queries = List.copyOf(queries);
        this.options = Objects.requireNonNull(options, "options must not be null");
        this.fusion = Objects.requireNonNull(fusion, "fusion must not be null");
        if (this.queries.isEmpty()) {
            throw new IllegalArgumentException("a reranking evaluator needs at least one query");
        }
        this.firstStage = this.queries.get(0).firstStageGrades().isPresent();
        for (RerankingQuery query : this.queries) {
            if (query.firstStageGrades().isPresent() != firstStage) {
                throw new IllegalArgumentException("query " + query.id() + " mixes samples with and without a"
                        + " first-stage ranking (documents vs negatives); use one kind per evaluator");
            }
        }
    }

    /** An evaluator over samples; their ids are their positions ("0", "1", ...). */
    public static RerankingEvaluator of(List<? extends RerankingSample> samples, RerankingOptions options) {
        List<RerankingQuery> queries = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            queries.add(samples.get(i).prepare(Integer.toString(i), options.rerankPositives()));
        }
        return new RerankingEvaluator(queries, options);
    }

    /** An evaluator over prepared queries ({@link RerankingOptions#rerankPositives()} is then unused). */
    public static RerankingEvaluator ofQueries(List<RerankingQuery> queries, RerankingOptions options) {
        return new RerankingEvaluator(queries, options);
    }

    /** An evaluator over a JSONL file of samples (format: {@link RerankingSamples#readJsonl}). */
    public static RerankingEvaluator fromJsonl(Path file, RerankingOptions options) throws IOException {
        List<RerankingSamples.Identified> samples = RerankingSamples.readJsonl(file);
        List<RerankingQuery> queries = new ArrayList<>(samples.size());
        for (RerankingSamples.Identified sample : samples) {
            queries.add(sample.sample().prepare(sample.id(), options.rerankPositives()));
        }
        try {
            return new RerankingEvaluator(queries, options);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, 0, e.getMessage(), e);
        }
    }

    /**
     * This evaluator with the reranker's scores fused with the first stage's before ranking; the metrics are then of
     * the fused order and the reranker's own are reported as {@code reranker_*} beside them.
     *
     * @throws IllegalArgumentException if a fusion is asked for and a query carries no first-stage scores
     */
    public RerankingEvaluator withFusion(ScoreFusion newFusion) {
        if (!(newFusion instanceof ScoreFusion.None)) {
            for (RerankingQuery query : queries) {
                if (query.firstStageScores().isEmpty()) {
                    throw new IllegalArgumentException("fusion " + newFusion.describe() + " needs first-stage scores,"
                            + " and query " + query.id() + " of " + options.name() + " has none");
                }
            }
        }
        return new RerankingEvaluator(queries, options, newFusion);
    }

    public ScoreFusion fusion() {
        return fusion;
    }

    @Override
    public String name() {
        return options.name();
    }

    public RerankingOptions options() {
        return options;
    }

    /** The prepared queries, in evaluation order. */
    public List<RerankingQuery> queries() {
        return queries;
    }

    @Override
    public EvaluationResult evaluate(PairScorer scorer, EvaluationContext context) {
        float[][] scores = score(scorer);
        int k = options.atK();
        boolean fused = !(fusion instanceof ScoreFusion.None);
        List<QueryMetrics> perQuery = new ArrayList<>(queries.size());
        for (int q = 0; q < queries.size(); q++) {
            RerankingQuery query = queries.get(q);
            int[] grades = toInts(query.grades());
            boolean scored = query.hasRelevant(); // otherwise 0 in every mean (as the reference)
            Map<String, Double> values = new LinkedHashMap<>();
            double[] ranked = scored
                    ? fusion.fuse(scores[q], fused ? query.firstStageScores().orElseThrow() : scores[q])
                    : null;
            put(values, "", scored ? metrics(grades, ranked, k) : new double[3], k);
            putJudged(values, "", query, grades, ranked, k);
            if (fused) {
                double[] own = scored ? widen(scores[q]) : null;
                put(values, "reranker_", scored ? metrics(grades, own, k) : new double[3], k);
                putJudged(values, "reranker_", query, grades, own, k);
            }
            if (firstStage) {
                put(values, "base_", firstStageMetrics(query, k), k);
                putFirstStageJudged(values, query, k);
            }
            perQuery.add(new QueryMetrics(options.name(), query.id(), values));
        }
        List<String> kinds = new ArrayList<>(List.of(""));
        if (fused) {
            kinds.add("reranker_");
        }
        if (firstStage) {
            kinds.add("base_");
        }
        Map<String, Double> metrics = means(perQuery, kinds);
        String prefix = prefix();
        CsvLog.append(
                context,
                "CrossEncoderRerankingEvaluator" + (options.name().isEmpty() ? "" : "_" + options.name()) + "_results_@"
                        + k + ".csv",
                List.of("epoch", "steps", "MAP", "MRR@" + k, "NDCG@" + k),
                metrics.get(prefix + "map"),
                metrics.get(prefix + "mrr@" + k),
                metrics.get(prefix + "ndcg@" + k));
        Map<String, String> provenance = provenance("CrossEncoderRerankingEvaluator");
        if (fused) {
            provenance.put("fusion", fusion.describe());
        }
        provenance.put(
                "queries_without_relevant",
                Long.toString(queries.stream().filter(q -> !q.hasRelevant()).count()));
        if (firstStage) {
            provenance.put(
                    "always_rerank_positives", Boolean.toString(options.rerankPositives() == RerankPositives.ALWAYS));
        }
        return new EvaluationResult(options.name(), metrics, prefix + "ndcg@" + k, groups(), perQuery, provenance);
    }

    /**
     * The {@code base_} metrics alone, without a model: {@code {name}_base_map}, {@code {name}_base_mrr@{k}},
     * {@code {name}_base_ndcg@{k}} (primary), and per query {@code base_mrr@{k}}, {@code base_ndcg@{k}},
     * {@code base_ap}. Writes no CSV.
     *
     * @throws IllegalStateException if the queries have no first stage
     */
    public EvaluationResult evaluateFirstStage() {
        if (!firstStage) {
            throw new IllegalStateException("evaluator " + options.name() + " has no first-stage ranking (its"
                    + " samples have negatives, not documents)");
        }
        int k = options.atK();
        List<QueryMetrics> perQuery = new ArrayList<>(queries.size());
        for (RerankingQuery query : queries) {
            Map<String, Double> values = new LinkedHashMap<>();
            put(values, "base_", firstStageMetrics(query, k), k);
            putFirstStageJudged(values, query, k);
            perQuery.add(new QueryMetrics(options.name(), query.id(), values));
        }
        Map<String, Double> metrics = means(perQuery, List.of("base_"));
        return new EvaluationResult(
                options.name(),
                metrics,
                prefix() + "base_ndcg@" + k,
                groups(),
                perQuery,
                provenance("CrossEncoderRerankingEvaluator (first stage only)"));
    }

    /** Per-query values under the reference's per-query names: {@code mrr@k}, {@code ndcg@k}, {@code ap}. */
    private static void put(Map<String, Double> values, String kind, double[] metrics, int k) {
        values.put(kind + "mrr@" + k, metrics[0]);
        values.put(kind + "ndcg@" + k, metrics[1]);
        values.put(kind + "ap", metrics[2]);
    }

    /** The means over all queries, keyed and ordered as the reference: map, mrr@k, ndcg@k per kind. */
    private Map<String, Double> means(List<QueryMetrics> perQuery, List<String> kinds) {
        int k = options.atK();
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String kind : kinds) {
            metrics.put(prefix() + kind + "map", mean(perQuery, kind + "ap"));
            metrics.put(prefix() + kind + "mrr@" + k, mean(perQuery, kind + "mrr@" + k));
            metrics.put(prefix() + kind + "ndcg@" + k, mean(perQuery, kind + "ndcg@" + k));
        }
        if (judged()) {
            for (String kind : kinds) {
                metrics.put(prefix() + kind + "judged_ndcg@" + k, mean(perQuery, kind + "judged_ndcg@" + k));
            }
        }
        return metrics;
    }

    /** Whether every query carries its relevance judgments, so that BEIR's NDCG can be computed. */
    private boolean judged() {
        return !queries.isEmpty()
                && queries.stream().allMatch(q -> q.judgedGrades().isPresent());
    }

    /** With judgments: {@code judged_ndcg@k} of {@code ranked} (null: the query is not scored, 0). */
    private static void putJudged(
            Map<String, Double> values, String kind, RerankingQuery query, int[] grades, double[] ranked, int k) {
        query.judgedGrades()
                .ifPresent(judged -> values.put(
                        kind + "judged_ndcg@" + k,
                        ranked == null ? 0.0 : RankingMetrics.ndcgOverJudged(grades, ranked, k, toInts(judged))));
    }

    /** With judgments: {@code base_judged_ndcg@k}, the first stage's own hits (pseudo-scores n..1) only. */
    private static void putFirstStageJudged(Map<String, Double> values, RerankingQuery query, int k) {
        query.judgedGrades().ifPresent(judged -> {
            List<Integer> all = query.firstStageGrades().orElseThrow();
            int[] hits = toInts(all.subList(0, query.firstStageRetrieved()));
            values.put(
                    "base_judged_ndcg@" + k,
                    hits.length == 0
                            ? 0.0
                            : RankingMetrics.ndcgOverJudged(hits, firstStageOrder(hits.length), k, toInts(judged)));
        });
    }

    private static double mean(List<QueryMetrics> perQuery, String metric) {
        double sum = 0;
        for (QueryMetrics query : perQuery) {
            sum += query.value(metric);
        }
        return sum / perQuery.size();
    }

    private String prefix() {
        return options.name().isEmpty() ? "" : options.name() + "_";
    }

    private List<String> groups() {
        return options.name().isEmpty() ? List.of() : List.of(options.name());
    }

    private Map<String, String> provenance(String evaluator) {
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("evaluator", evaluator);
        provenance.put("at_k", Integer.toString(options.atK()));
        provenance.put("queries", Integer.toString(queries.size()));
        return provenance;
    }

    /** MRR@k, NDCG@k and AP of the first-stage order, scored n..1 (0, 0, 0 without a retrieved positive). */
    private static double[] firstStageMetrics(RerankingQuery query, int k) {
        int[] base = toInts(query.firstStageGrades().orElseThrow());
        return metrics(base, firstStageOrder(base.length), k);
    }

    /** Pseudo-scores n..1: the first stage's order as scores. */
    private static double[] firstStageOrder(int n) {
        double[] pseudo = new double[n];
        for (int i = 0; i < n; i++) {
            pseudo[i] = n - i;
        }
        return pseudo;
    }

    /** Scores of every candidate of every query that has a relevant candidate; other rows are empty. */
    private float[][] score(PairScorer scorer) {
        List<TextPair> pairs = new ArrayList<>();
        for (RerankingQuery query : queries) {
            if (query.hasRelevant()) {
                for (String candidate : query.candidates()) {
                    pairs.add(new TextPair(query.query(), candidate));
                }
            }
        }
        float[] flat = PairBatches.scoreSingle(scorer, pairs, options.pairsPerCall());
        float[][] out = new float[queries.size()][];
        int offset = 0;
        for (int q = 0; q < queries.size(); q++) {
            RerankingQuery query = queries.get(q);
            int count = query.hasRelevant() ? query.candidates().size() : 0;
            out[q] = Arrays.copyOfRange(flat, offset, offset + count);
            for (int i = 0; i < count; i++) {
                if (Float.isNaN(out[q][i])) {
                    throw new IllegalStateException("the scorer returned NaN for query " + query.id() + ", candidate "
                            + i + ": " + abbreviate(query.candidates().get(i)));
                }
            }
            offset += count;
        }
        return out;
    }

    private static double[] metrics(int[] grades, double[] scores, int k) {
        return new double[] {
            RankingMetrics.reciprocalRank(grades, scores, k),
            RankingMetrics.ndcg(grades, scores, k),
            RankingMetrics.averagePrecision(grades, scores)
        };
    }

    private static int[] toInts(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] widen(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
