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
 * @param fusion how the reranker's scores are mixed with BM25's before ranking ({@link ScoreFusion}; default none)
 * @param sampleQueries 0: every judged query; n: a seeded sample of n judged queries per dataset (all when fewer),
 *     for quick checks during development (the figures are then of the sample, not of the benchmark)
 * @param sampleSeed the seed of that sample
 */
public record BeirOptions(
        int rerankK,
        int atK,
        RerankPositives rerankPositives,
        Bm25Params bm25,
        FirstStageCache cache,
        int pairsPerCall,
        ScoreFusion fusion,
        int sampleQueries,
        long sampleSeed) {
    public BeirOptions {
        Objects.requireNonNull(fusion, "fusion must not be null");
        if (sampleQueries < 0) {
            throw new IllegalArgumentException("sampleQueries must be >= 0 (0 = every query), got " + sampleQueries);
        }
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
                RerankingOptions.DEFAULT_PAIRS_PER_CALL,
                ScoreFusion.none(),
                0,
                12);
    }

    public BeirOptions withRerankK(int k) {
        return new BeirOptions(k, atK, rerankPositives, bm25, cache, pairsPerCall, fusion, sampleQueries, sampleSeed);
    }

    public BeirOptions withAtK(int k) {
        return new BeirOptions(
                rerankK, k, rerankPositives, bm25, cache, pairsPerCall, fusion, sampleQueries, sampleSeed);
    }

    public BeirOptions withRerankPositives(RerankPositives policy) {
        return new BeirOptions(rerankK, atK, policy, bm25, cache, pairsPerCall, fusion, sampleQueries, sampleSeed);
    }

    public BeirOptions withBm25(Bm25Params params) {
        return new BeirOptions(
                rerankK, atK, rerankPositives, params, cache, pairsPerCall, fusion, sampleQueries, sampleSeed);
    }

    public BeirOptions withCache(FirstStageCache newCache) {
        return new BeirOptions(
                rerankK, atK, rerankPositives, bm25, newCache, pairsPerCall, fusion, sampleQueries, sampleSeed);
    }

    public BeirOptions withPairsPerCall(int pairs) {
        return new BeirOptions(rerankK, atK, rerankPositives, bm25, cache, pairs, fusion, sampleQueries, sampleSeed);
    }

    public BeirOptions withFusion(ScoreFusion newFusion) {
        return new BeirOptions(
                rerankK, atK, rerankPositives, bm25, cache, pairsPerCall, newFusion, sampleQueries, sampleSeed);
    }

    /** A seeded sample of {@code n} judged queries per dataset (0: all of them). */
    public BeirOptions withSample(int n, long seed) {
        return new BeirOptions(rerankK, atK, rerankPositives, bm25, cache, pairsPerCall, fusion, n, seed);
    }
}
