package dev.rerank4j.eval;

import dev.rerank4j.retrieval.Bm25Params;
import dev.rerank4j.retrieval.FirstStageCache;
import java.util.Objects;

/**
 * Settings of a {@link BeirBenchmark}.
 *
 * @param rerankK how many BM25 hits per query are reranked (NanoBEIR: 100)
 * @param atK the cut-off of MRR and NDCG
 * @param rerankPositives whether judged-relevant documents BM25 missed are injected into the reranked list (the
 *     NanoBEIR evaluator's default, {@link RerankPositives#ALWAYS}) or not ({@link RerankPositives#RETRIEVED_ONLY},
 *     the realistic setting); the {@code base_} metrics are the same either way
 * @param bm25 BM25 parameters
 * @param cache where first-stage runs are kept between evaluations
 * @param pairsPerCall at most this many pairs per {@code PairScorer} call
 */
public record BeirOptions(
        int rerankK,
        int atK,
        RerankPositives rerankPositives,
        Bm25Params bm25,
        FirstStageCache cache,
        int pairsPerCall) {
    public BeirOptions {
        Objects.requireNonNull(rerankPositives, "rerankPositives must not be null");
        Objects.requireNonNull(bm25, "bm25 must not be null");
        Objects.requireNonNull(cache, "cache must not be null");
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

    /**
     * rerank_k 100, at_k 10, always_rerank_positives=True (as sentence-transformers' NanoBEIR evaluator), Anserini's
     * BM25 parameters, the per-user cache ({@link FirstStageCache#userDefault()}).
     */
    public static BeirOptions defaults() {
        return new BeirOptions(
                100,
                10,
                RerankPositives.ALWAYS,
                Bm25Params.ANSERINI,
                FirstStageCache.userDefault(),
                RerankingOptions.DEFAULT_PAIRS_PER_CALL);
    }

    public BeirOptions withRerankK(int k) {
        return new BeirOptions(k, atK, rerankPositives, bm25, cache, pairsPerCall);
    }

    public BeirOptions withAtK(int k) {
        return new BeirOptions(rerankK, k, rerankPositives, bm25, cache, pairsPerCall);
    }

    public BeirOptions withRerankPositives(RerankPositives policy) {
        return new BeirOptions(rerankK, atK, policy, bm25, cache, pairsPerCall);
    }

    public BeirOptions withBm25(Bm25Params params) {
        return new BeirOptions(rerankK, atK, rerankPositives, params, cache, pairsPerCall);
    }

    public BeirOptions withCache(FirstStageCache newCache) {
        return new BeirOptions(rerankK, atK, rerankPositives, bm25, newCache, pairsPerCall);
    }

    public BeirOptions withPairsPerCall(int pairs) {
        return new BeirOptions(rerankK, atK, rerankPositives, bm25, cache, pairs);
    }
}
