package dev.rerank4j.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a training run did.
 *
 * @param globalStep optimizer steps done
 * @param epoch epochs done (fractional)
 * @param trainLoss the mean loss over all steps of this run
 * @param runtimeSeconds the wall time of the training loop
 * @param samplesPerSecond training rows per second
 * @param stoppedEarly whether early stopping ended the run
 * @param finalModel where the model at the end of training was saved
 * @param bestModel where the best model was saved ({@code load_best_model_at_end}); the final model's directory
 *     otherwise
 * @param logHistory every logged entry, as in {@code trainer_state.json}
 */
public record TrainingResult(
        long globalStep,
        double epoch,
        double trainLoss,
        double runtimeSeconds,
        double samplesPerSecond,
        boolean stoppedEarly,
        Path finalModel,
        Path bestModel,
        List<Map<String, Object>> logHistory) {
    public TrainingResult {
        Objects.requireNonNull(finalModel, "finalModel");
        Objects.requireNonNull(bestModel, "bestModel");
        logHistory = List.copyOf(logHistory);
    }
}
