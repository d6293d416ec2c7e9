package dev.rerank4j.train;

import java.util.Map;

/**
 * Hooks into a training run, as DJL's TrainingListener or transformers' TrainerCallback. The trainer's own logging,
 * evaluation, checkpoints, early stopping, progress bar, metrics file and plot are listeners too; user listeners run
 * after them, in the order given.
 */
public interface TrainerListener {
    /** Before the first step (after a resume, before the first new step). */
    default void onTrainBegin(TrainerContext context) {}

    /** After every optimizer step. */
    default void onStepEnd(TrainerContext context) {}

    /** After the last step of every epoch (after {@link #onStepEnd}). */
    default void onEpochEnd(TrainerContext context) {}

    /**
     * After an entry was added to the log history: a training log ({@code loss}, {@code grad_norm}, {@code
     * learning_rate}), an evaluation ({@code eval_*}), or the final summary ({@code train_runtime}, ...). Each entry
     * holds {@code epoch} and {@code step}.
     */
    default void onLog(TrainerContext context, Map<String, Object> entry) {}

    /** After a checkpoint was written. */
    default void onSave(TrainerContext context, java.nio.file.Path checkpoint) {}

    /** After training ended (normally or stopped early), before the final model is saved. */
    default void onTrainEnd(TrainerContext context) {}
}
