package dev.rerank4j.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a {@link NanoBeirEvaluator}, with the names and defaults of sentence-transformers'
 * {@code CrossEncoderNanoBEIREvaluator}.
 *
 * @param datasetNames the short names to evaluate on ({@code msmarco}, {@code nfcorpus}, ... any case), in order;
 *     see {@link #DATASET_NAMES}
 * @param datasetId the hub dataset: one repository with subsets {@code corpus}, {@code queries}, {@code qrels},
 *     {@code bm25} and splits {@code Nano{Name}} (v5.2+, {@link #DEFAULT_DATASET_ID}); or, when it contains
 *     {@code {name}}, a pattern of per-dataset repositories with subsets {@code corpus}, {@code queries},
 *     {@code relevance} and split {@code train} (v4, {@link #V4_DATASET_ID})
 * @param revision the hub revision of the dataset(s)
 * @param rerankK how many BM25 documents per query are reranked ({@code rerank_k}, 100)
 * @param atK the cut-off of MRR and NDCG ({@code at_k}, 10)
 * @param rerankPositives {@code always_rerank_positives}: {@link RerankPositives#ALWAYS} (the default) adds the
 *     judged positives BM25 missed to the reranked list
 * @param pairsPerCall at most this many pairs per {@code PairScorer} call
 */
public record NanoBeirOptions(
        List<String> datasetNames,
        String datasetId,
        String revision,
        int rerankK,
        int atK,
        RerankPositives rerankPositives,
        int pairsPerCall) {
    /** The v5.2+ dataset: one repository, four subsets, one split per NanoBEIR dataset. */
    public static final String DEFAULT_DATASET_ID = "sentence-transformers/NanoBEIR-en";

    /** The v4 datasets: one repository per NanoBEIR dataset, {@code {name}} standing for e.g. {@code MSMARCO}. */
    public static final String V4_DATASET_ID = "sentence-transformers/Nano{name}-bm25";

    /** The short names sentence-transformers knows, each with its display name, in its order. */
    public static final Map<String, String> DATASET_NAMES = names();

    /** The default selection: every dataset but {@code arguana} and {@code touche2020} (argument retrieval). */
    public static final List<String> DEFAULT_DATASETS = DATASET_NAMES.keySet().stream()
            .filter(n -> !n.equals("arguana") && !n.equals("touche2020"))
            .toList();

    public NanoBeirOptions {
        Objects.requireNonNull(datasetNames, "datasetNames must not be null");
        Objects.requireNonNull(datasetId, "datasetId must not be null");
        Objects.requireNonNull(revision, "revision must not be null");
        Objects.requireNonNull(rerankPositives, "rerankPositives must not be null");
        datasetNames = List.copyOf(datasetNames);
        if (datasetNames.isEmpty()) {
            throw new IllegalArgumentException("the NanoBEIR dataset names must not be empty; valid names: "
                    + String.join(", ", DATASET_NAMES.keySet()) + " (the default leaves out arguana and touche2020)");
        }
        List<String> unknown = new ArrayList<>();
        for (String name : datasetNames) {
            if (!DATASET_NAMES.containsKey(name.toLowerCase(Locale.ROOT))) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown NanoBEIR dataset" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; valid names: " + String.join(", ", DATASET_NAMES.keySet()));
        }
        if (datasetId.isBlank()) {
            throw new IllegalArgumentException("datasetId must name a hub dataset, e.g. " + DEFAULT_DATASET_ID);
        }
        if (rerankK < 1) {
            throw new IllegalArgumentException("rerankK must be >= 1, got " + rerankK);
        }
        if (atK < 1) {
            throw new IllegalArgumentException("atK must be >= 1, got " + atK);
        }
        if (pairsPerCall < 1) {
            throw new IllegalArgumentException("pairsPerCall must be >= 1, got " + pairsPerCall);
        }
    }

    /** sentence-transformers' defaults: the 11 default datasets of NanoBEIR-en, rerank_k 100, at_k 10, always. */
    public static NanoBeirOptions defaults() {
        return new NanoBeirOptions(
                DEFAULT_DATASETS,
                DEFAULT_DATASET_ID,
                "main",
                100,
                10,
                RerankPositives.ALWAYS,
                RerankingOptions.DEFAULT_PAIRS_PER_CALL);
    }

    public NanoBeirOptions withDatasetNames(List<String> names) {
        return new NanoBeirOptions(names, datasetId, revision, rerankK, atK, rerankPositives, pairsPerCall);
    }

    public NanoBeirOptions withDatasetId(String id) {
        return new NanoBeirOptions(datasetNames, id, revision, rerankK, atK, rerankPositives, pairsPerCall);
    }

    public NanoBeirOptions withRevision(String newRevision) {
        return new NanoBeirOptions(datasetNames, datasetId, newRevision, rerankK, atK, rerankPositives, pairsPerCall);
    }

    public NanoBeirOptions withRerankK(int k) {
        return new NanoBeirOptions(datasetNames, datasetId, revision, k, atK, rerankPositives, pairsPerCall);
    }

    public NanoBeirOptions withAtK(int k) {
        return new NanoBeirOptions(datasetNames, datasetId, revision, rerankK, k, rerankPositives, pairsPerCall);
    }

    public NanoBeirOptions withRerankPositives(RerankPositives policy) {
        return new NanoBeirOptions(datasetNames, datasetId, revision, rerankK, atK, policy, pairsPerCall);
    }

    public NanoBeirOptions withPairsPerCall(int pairs) {
        return new NanoBeirOptions(datasetNames, datasetId, revision, rerankK, atK, rerankPositives, pairs);
    }

    /** Whether {@link #datasetId} is a pattern of v4 per-dataset repositories. */
    public boolean perDatasetRepos() {
        return datasetId.contains("{name}");
    }

    /** The display name of a short name, e.g. {@code msmarco -> MSMARCO}. */
    public static String displayName(String shortName) {
        String display = DATASET_NAMES.get(shortName.toLowerCase(Locale.ROOT));
        if (display == null) {
            throw new IllegalArgumentException("unknown NanoBEIR dataset " + shortName + "; valid names: "
                    + String.join(", ", DATASET_NAMES.keySet()));
        }
        return display;
    }

    private static Map<String, String> names() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("climatefever", "ClimateFEVER");
        m.put("dbpedia", "DBPedia");
        m.put("fever", "FEVER");
        m.put("fiqa2018", "FiQA2018");
        m.put("hotpotqa", "HotpotQA");
        m.put("msmarco", "MSMARCO");
        m.put("nfcorpus", "NFCorpus");
        m.put("nq", "NQ");
        m.put("quoraretrieval", "QuoraRetrieval");
        m.put("scidocs", "SCIDOCS");
        m.put("arguana", "ArguAna");
        m.put("scifact", "SciFact");
        m.put("touche2020", "Touche2020");
        return java.util.Collections.unmodifiableMap(m);
    }
}
