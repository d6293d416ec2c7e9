package dev.rerank4j.eval;

import java.util.Objects;

/**
 * Settings of a {@link RerankingEvaluator}.
 *
 * @param name prefixes metric keys and names the CSV log; may be empty
 * @param atK the cut-off of MRR and NDCG, {@code >= 1}
 * @param rerankPositives which documents are reranked for first-stage samples
 * @param pairsPerCall at most this many pairs go into one {@code PairScorer.score} call, {@code >= 1}; pairs of
 *     all queries are pooled, so one call usually covers many queries
 */
public record RerankingOptions(String name, int atK, RerankPositives rerankPositives, int pairsPerCall) {
    /** The default number of pairs per scorer call. */
    public static final int DEFAULT_PAIRS_PER_CALL = 4096;

    public RerankingOptions {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(rerankPositives, "rerankPositives must not be null");
        if (atK < 1) {
            throw new IllegalArgumentException("atK must be >= 1, got " + atK);
        }
        if (pairsPerCall < 1) {
            throw new IllegalArgumentException("pairsPerCall must be >= 1, got " + pairsPerCall);
        }
    }

    /** sentence-transformers' defaults: no name, at_k 10, always_rerank_positives=True. */
    public static RerankingOptions defaults() {
        return new RerankingOptions("", 10, RerankPositives.ALWAYS, DEFAULT_PAIRS_PER_CALL);
    }

    public RerankingOptions withName(String newName) {
        return new RerankingOptions(newName, atK, rerankPositives, pairsPerCall);
    }

    public RerankingOptions withAtK(int newAtK) {
        return new RerankingOptions(name, newAtK, rerankPositives, pairsPerCall);
    }

    public RerankingOptions withRerankPositives(RerankPositives policy) {
        return new RerankingOptions(name, atK, policy, pairsPerCall);
    }

    public RerankingOptions withPairsPerCall(int pairs) {
        return new RerankingOptions(name, atK, rerankPositives, pairs);
    }
}
