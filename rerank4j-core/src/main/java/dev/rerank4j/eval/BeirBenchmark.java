package dev.rerank4j.eval;

import dev.rerank4j.PairScorer;
import dev.rerank4j.retrieval.Bm25FirstStage;
import dev.rerank4j.retrieval.Bm25Index;
import dev.rerank4j.retrieval.Bm25Settings;
import dev.rerank4j.retrieval.CorpusDocument;
import dev.rerank4j.retrieval.FirstStageResult;
import dev.rerank4j.retrieval.Hit;
import dev.rerank4j.retrieval.RetrievalDataset;
import dev.rerank4j.retrieval.RetrievalDatasets;
import dev.rerank4j.retrieval.RetrievalQuery;
import dev.rerank4j.retrieval.SelfMatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The job of sentence-transformers' {@code CrossEncoderNanoBEIREvaluator}, on local BEIR-format folders and without
 * a hub: per dataset, BM25 retrieves the top {@code rerank_k} documents of every judged query ({@link
 * Bm25FirstStage}, cached on disk), the model reranks them, and a {@link RerankingEvaluator} named
 * {@code {Dataset}_R{k}} reports the reranked and the BM25 ({@code base_}) metrics; then the mean over datasets.
 *
 * <p>Keys: {@code SciFact_R100_map}, {@code SciFact_R100_mrr@10}, {@code SciFact_R100_ndcg@10},
 * {@code SciFact_R100_base_*}, ..., then {@code BEIR_R100_mean_*}; primary {@code BEIR_R100_mean_ndcg@10}. The
 * model sees {@code title + " " + text} ({@link CorpusDocument#contents()}), as BEIR's reranking code. Graded
 * qrels (NFCorpus) give linear NDCG gains, as pytrec_eval. Beside sentence-transformers' NDCG (whose ideal counts only
 * the candidates, and whose BM25 figure appends the relevant documents BM25 missed after its hits), {@code
 * judged_ndcg@k} ({@code SciFact_R100_judged_ndcg@10}, {@code ..._base_judged_ndcg@10}) is NDCG as BEIR and
 * pytrec_eval report it: the ranked list's DCG over the ideal DCG of every relevant judgment. CSV logs: one per dataset
 * ({@code CrossEncoderRerankingEvaluator_SciFact_R100_results_@10.csv}) and {@code BEIR_evaluation_mean_results.csv}.
 *
 * <p>{@link #prepare} does the reading and the first stage once; {@link #evaluate} can then be called for every
 * checkpoint of a training run.
 */
public final class BeirBenchmark implements Evaluator {
    private static final Map<String, String> BEIR_NAMES = beirNames();

    /**
     * One prepared dataset.
     *
     * @param dataset the data as read
     * @param firstStage the BM25 run and how it was obtained
     * @param evaluator the reranking evaluator over its queries
     */
    public record PreparedDataset(
            RetrievalDataset dataset, FirstStageResult firstStage, RerankingEvaluator evaluator) {}

    private final List<PreparedDataset> datasets;
    private final BeirOptions options;
    private final String name;

    private BeirBenchmark(List<PreparedDataset> datasets, BeirOptions options) {
        this.datasets = List.copyOf(datasets);
        this.options = options;
        this.name = "BEIR_R" + options.rerankK() + "_mean";
    }

    /** Reads, retrieves and reranks in one go: {@code prepare(dirs, options).evaluate(scorer)}. */
    public static EvaluationResult run(PairScorer scorer, List<Path> dirs, BeirOptions options) throws IOException {
        return prepare(dirs, options).evaluate(scorer);
    }

    /**
     * Reads every folder ({@link RetrievalDatasets#readTestSplit}: BEIR layout or the original NFCorpus) and runs or
     * loads its BM25 first stage.
     */
    public static BeirBenchmark prepare(List<Path> dirs, BeirOptions options) throws IOException {
        return prepare(dirs, "test", options);
    }

    /**
     * As {@link #prepare(List, BeirOptions)} on another split ({@link RetrievalDatasets#readSplit}: SciFact's
     * {@code train} claims, NFCorpus's {@code dev} queries), to choose settings without test queries.
     */
    public static BeirBenchmark prepare(List<Path> dirs, String split, BeirOptions options) throws IOException {
        List<RetrievalDataset> read = new ArrayList<>();
        for (Path dir : dirs) {
            read.add(RetrievalDatasets.readSplit(dir, split));
        }
        return prepareDatasets(read, options);
    }

    /** Runs or loads the BM25 first stage of datasets already in memory. */
    public static BeirBenchmark prepareDatasets(List<RetrievalDataset> datasets, BeirOptions options) {
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("a BEIR benchmark needs at least one dataset");
        }
        Bm25Settings settings = new Bm25Settings(options.bm25(), options.rerankK(), SelfMatch.DROP);
        List<PreparedDataset> prepared = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (RetrievalDataset dataset : datasets) {
            String evaluatorName = displayName(dataset.name()) + "_R" + options.rerankK();
            if (!names.add(evaluatorName)) {
                throw new IllegalArgumentException(
                        "two datasets are both named " + evaluatorName + "; give their folders distinct names");
            }
            FirstStageResult firstStage = Bm25FirstStage.retrieve(dataset, settings, options.cache());
            RerankingOptions rerankingOptions = new RerankingOptions(
                    evaluatorName, options.atK(), options.rerankPositives(), options.pairsPerCall());
            prepared.add(new PreparedDataset(
                    dataset,
                    firstStage,
                    RerankingEvaluator.ofQueries(queries(dataset, firstStage, options), rerankingOptions)
                            .withFusion(options.fusion())));
        }
        return new BeirBenchmark(prepared, options);
    }

    /**
     * BEIR's display name for a folder name: a {@code beir-} prefix and {@code -original} suffix are dropped and
     * known BEIR names get their usual spelling ({@code scifact -> SciFact}, {@code nfcorpus -> NFCorpus}); other
     * names are kept.
     */
    public static String displayName(String folderName) {
        String key = folderName.toLowerCase(Locale.ROOT);
        key = key.startsWith("beir-") ? key.substring(5) : key;
        key = key.endsWith("-original") ? key.substring(0, key.length() - 9) : key;
        return BEIR_NAMES.getOrDefault(key, folderName);
    }

    @Override
    public String name() {
        return name;
    }

    public BeirOptions options() {
        return options;
    }

    public List<PreparedDataset> datasets() {
        return datasets;
    }

    /** The same datasets and first stage, ranked with another fusion (nothing is read or retrieved again). */
    public BeirBenchmark withFusion(ScoreFusion fusion) {
        List<PreparedDataset> out = new ArrayList<>();
        for (PreparedDataset d : datasets) {
            out.add(new PreparedDataset(
                    d.dataset(), d.firstStage(), d.evaluator().withFusion(fusion)));
        }
        return new BeirBenchmark(out, options.withFusion(fusion));
    }

    @Override
    public EvaluationResult evaluate(PairScorer scorer, EvaluationContext context) {
        List<EvaluationResult> results = new ArrayList<>();
        for (PreparedDataset dataset : datasets) {
            results.add(dataset.evaluator().evaluate(scorer, context));
        }
        EvaluationResult merged = merge(results);
        int k = options.atK();
        CsvLog.append(
                context,
                "BEIR_evaluation_mean_results.csv",
                List.of("epoch", "steps", "MAP", "MRR@" + k, "NDCG@" + k),
                merged.metric(name + "_map"),
                merged.metric(name + "_mrr@" + k),
                merged.metric(name + "_ndcg@" + k));
        return merged;
    }

    /** BM25 alone: the {@code base_} metrics per dataset and their mean, without a model. */
    public EvaluationResult evaluateFirstStage() {
        List<EvaluationResult> results = new ArrayList<>();
        for (PreparedDataset dataset : datasets) {
            results.add(dataset.evaluator().evaluateFirstStage());
        }
        return merge(results);
    }

    private EvaluationResult merge(List<EvaluationResult> results) {
        return EvaluationResult.meanOver(name, results, provenance());
    }

    private Map<String, String> provenance() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("evaluator", "BeirBenchmark (CrossEncoderNanoBEIREvaluator on local BEIR folders)");
        out.put("rerank_k", Integer.toString(options.rerankK()));
        out.put("at_k", Integer.toString(options.atK()));
        out.put("always_rerank_positives", Boolean.toString(options.rerankPositives() == RerankPositives.ALWAYS));
        out.put("bm25", "k1=" + options.bm25().k1() + " b=" + options.bm25().b());
        out.put("analyzer", Bm25Index.ANALYZER_DESCRIPTION);
        out.put("fusion", options.fusion().describe());
        if (options.sampleQueries() > 0) {
            out.put("sample_queries", options.sampleQueries() + " per dataset, seed " + options.sampleSeed());
        }
        for (PreparedDataset prepared : datasets) {
            String prefix = prepared.evaluator().name() + ".";
            RetrievalDataset dataset = prepared.dataset();
            FirstStageResult firstStage = prepared.firstStage();
            out.put(prefix + "documents", Integer.toString(dataset.corpus().size()));
            out.put(prefix + "queries", Integer.toString(dataset.queries().size()));
            out.put(
                    prefix + "queries_evaluated",
                    Integer.toString(prepared.evaluator().queries().size()));
            out.put(prefix + "judgments", Integer.toString(dataset.qrels().size()));
            out.put(prefix + "skipped_qrels_missing_docs", Integer.toString(dataset.skippedQrels()));
            out.put(
                    prefix + "self_matches_dropped",
                    Integer.toString(firstStage.run().selfMatchesDropped()));
            out.put(prefix + "first_stage", firstStage.fromCache() ? "cache" : "computed");
            out.put(prefix + "first_stage_fingerprint", firstStage.run().fingerprint());
            out.put(prefix + "index_ms", Long.toString(firstStage.indexTime().toMillis()));
            out.put(prefix + "search_ms", Long.toString(firstStage.searchTime().toMillis()));
        }
        return out;
    }

    /** Turns judgments and BM25 hits into reranking queries, by document id, with sentence-transformers' rules. */
    static List<RerankingQuery> queries(RetrievalDataset dataset, FirstStageResult firstStage, BeirOptions options) {
        Map<String, CorpusDocument> corpus = new HashMap<>();
        dataset.corpus().forEach(d -> corpus.put(d.id(), d));
        List<RerankingQuery> out = new ArrayList<>();
        for (RetrievalQuery query : sample(dataset.queries(), options)) {
            Map<String, Integer> relevant = new LinkedHashMap<>();
            dataset.qrels().of(query.id()).forEach((doc, grade) -> {
                if (grade > 0) {
                    relevant.put(doc, grade);
                }
            });
            List<Hit> hits = firstStage.run().of(query.id());
            List<Integer> base = new ArrayList<>();
            Set<String> retrieved = new HashSet<>();
            for (Hit hit : hits) {
                base.add(relevant.getOrDefault(hit.docId(), 0));
                retrieved.add(hit.docId());
            }
            if (base.stream().anyMatch(g -> g > 0)) {
                relevant.forEach((doc, grade) -> {
                    if (!retrieved.contains(doc)) {
                        base.add(grade);
                    }
                });
            }
            Map<String, Float> bm25 = new HashMap<>();
            hits.forEach(hit -> bm25.put(hit.docId(), hit.score()));
            List<String> candidates = new ArrayList<>();
            List<Integer> grades = new ArrayList<>();
            List<Float> scores = new ArrayList<>();
            if (options.rerankPositives() == RerankPositives.ALWAYS) {
                relevant.forEach((doc, grade) -> {
                    candidates.add(corpus.get(doc).contents());
                    grades.add(grade);
                    scores.add(bm25.getOrDefault(doc, Float.NaN));
                });
            }
            for (Hit hit : hits) {
                int grade = relevant.getOrDefault(hit.docId(), 0);
                if (options.rerankPositives() == RerankPositives.RETRIEVED_ONLY || grade == 0) {
                    candidates.add(corpus.get(hit.docId()).contents());
                    grades.add(grade);
                    scores.add(hit.score());
                }
            }
            float[] firstStageScores = new float[scores.size()];
            for (int i = 0; i < firstStageScores.length; i++) {
                firstStageScores[i] = scores.get(i);
            }
            out.add(RerankingQuery.withFirstStageScores(
                            query.id(), query.text(), candidates, grades, base, firstStageScores)
                    .withJudgments(List.copyOf(relevant.values()), hits.size()));
        }
        return out;
    }

    /**
     * All queries, or a seeded sample of {@link BeirOptions#sampleQueries()} of them in their original order (the
     * first n of a shuffle with {@code java.util.Random(seed)}, so the same seed picks the same queries everywhere).
     */
    static List<RetrievalQuery> sample(List<RetrievalQuery> queries, BeirOptions options) {
        int n = options.sampleQueries();
        if (n == 0 || n >= queries.size()) {
            return queries;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(options.sampleSeed()));
        List<Integer> picked = new ArrayList<>(order.subList(0, n));
        Collections.sort(picked);
        List<RetrievalQuery> out = new ArrayList<>(n);
        picked.forEach(i -> out.add(queries.get(i)));
        return out;
    }

    private static Map<String, String> beirNames() {
        Map<String, String> names = new HashMap<>();
        String[][] pairs = {
            {"arguana", "ArguAna"},
            {"climate-fever", "ClimateFEVER"},
            {"climatefever", "ClimateFEVER"},
            {"cqadupstack", "CQADupStack"},
            {"dbpedia-entity", "DBPedia"},
            {"dbpedia", "DBPedia"},
            {"fever", "FEVER"},
            {"fiqa", "FiQA2018"},
            {"fiqa2018", "FiQA2018"},
            {"hotpotqa", "HotpotQA"},
            {"msmarco", "MSMARCO"},
            {"nfcorpus", "NFCorpus"},
            {"nq", "NQ"},
            {"quora", "QuoraRetrieval"},
            {"quoraretrieval", "QuoraRetrieval"},
            {"scidocs", "SCIDOCS"},
            {"scifact", "SciFact"},
            {"trec-covid", "TRECCOVID"},
            {"webis-touche2020", "Touche2020"},
            {"touche2020", "Touche2020"}
        };
        for (String[] pair : pairs) {
            names.put(pair[0], pair[1]);
        }
        return Map.copyOf(names);
    }
}
