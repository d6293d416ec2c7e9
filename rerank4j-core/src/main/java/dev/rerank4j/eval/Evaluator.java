package dev.rerank4j.eval;

import dev.rerank4j.PairScorer;

/**
 * Scores a model on held-out data. Implementations hold their data, are immutable and may be called repeatedly
 * (once per evaluation step of a training run).
 */
public interface Evaluator {
    /** The name that prefixes this evaluator's metric keys; may be empty. */
    String name();

    /**
     * Evaluates {@code scorer}. When {@code context} names an output folder, the evaluator appends one row to its
     * CSV log there (as sentence-transformers evaluators do).
     */
    EvaluationResult evaluate(PairScorer scorer, EvaluationContext context);

    /** Evaluates without writing anything. */
    default EvaluationResult evaluate(PairScorer scorer) {
        return evaluate(scorer, EvaluationContext.none());
    }
}
