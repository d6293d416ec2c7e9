package dev.rerank4j.eval;

import java.util.Objects;

/**
 * Settings of the pair evaluators ({@link ClassificationEvaluator}, {@link CorrelationEvaluator}).
 *
 * @param name prefixes metric keys and names the CSV log; may be empty
 * @param pairsPerCall at most this many pairs per {@code PairScorer} call, {@code >= 1}
 */
public record PairsOptions(String name, int pairsPerCall) {
    public PairsOptions {
        Objects.requireNonNull(name, "name must not be null");
        if (pairsPerCall < 1) {
            throw new IllegalArgumentException("pairsPerCall must be >= 1, got " + pairsPerCall);
        }
    }

    /** A named evaluator with the default pairs per call. */
    public static PairsOptions named(String name) {
        return new PairsOptions(name, RerankingOptions.DEFAULT_PAIRS_PER_CALL);
    }
}
