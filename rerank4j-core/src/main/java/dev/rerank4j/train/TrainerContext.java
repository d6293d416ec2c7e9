package dev.rerank4j.train;

import dev.rerank4j.model.CrossEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** What a {@link TrainerListener} may see and do during a run. */
public interface TrainerContext {
    /** The arguments of the run. */
    TrainingArguments args();

    /** The run's progress. */
    TrainerState state();

    /** The model being trained (its weights change after every step). */
    CrossEncoder model();

    /** Whether the step just done is the last one of its epoch. */
    boolean epochEnded();

    /** Whether the step just done is the last one planned. */
    boolean lastStep();

    /**
     * Adds an entry to the log history (with {@code epoch} and {@code step} added) and tells every listener.
     */
    void log(Map<String, Object> values);

    /**
     * Evaluates the model now (the loss on the evaluation datasets, then every evaluation given), logs the metrics
     * with the {@code eval_} prefix and updates the best metric.
     *
     * @return the metrics, with the prefix
     */
    Map<String, Double> evaluate();

    /** Writes {@code checkpoint-{step}} (atomically) and rotates old checkpoints; returns its directory. */
    Path saveCheckpoint() throws IOException;

    /** Asks the trainer to stop after this step (the step's listeners still run). */
    void requestStop(String reason);
}
