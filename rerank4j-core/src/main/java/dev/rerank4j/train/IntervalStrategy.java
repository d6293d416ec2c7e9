package dev.rerank4j.train;

/** When logging or evaluation happens ({@code logging_strategy}, {@code eval_strategy}), as in transformers. */
public enum IntervalStrategy {
    /** Never. */
    NO,
    /** Every {@code *_steps} optimizer steps. */
    STEPS,
    /** At the end of every epoch. */
    EPOCH
}
