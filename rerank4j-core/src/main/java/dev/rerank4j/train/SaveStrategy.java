package dev.rerank4j.train;

/** When checkpoints are written ({@code save_strategy}), as in transformers. */
public enum SaveStrategy {
    /** Never (the final model is still saved). */
    NO,
    /** Every {@code save_steps} optimizer steps, and at the last step. */
    STEPS,
    /** At the end of every epoch. */
    EPOCH,
    /** Whenever an evaluation gives a new best {@code metric_for_best_model}. */
    BEST
}
