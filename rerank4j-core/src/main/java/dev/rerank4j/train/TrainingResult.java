package dev.rerank4j.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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

    private static final Set<String> EVALUATION_TIMINGS =
            Set.of("eval_runtime", "eval_samples_per_second", "eval_steps_per_second");

    /** Whether a log key is an evaluation metric ({@code eval_*}), not one of the evaluation's timings. */
    public static boolean isEvaluationMetric(String key) {
        return key.startsWith("eval_") && !EVALUATION_TIMINGS.contains(key);
    }

    /**
     * The numeric evaluation metrics of the last logged evaluation, in logged order, with that evaluation's step under
     * {@code "step"}; empty if the run never evaluated.
     */
    public Map<String, Number> lastEvaluation() {
        for (int i = logHistory.size() - 1; i >= 0; i--) {
            Map<String, Object> entry = logHistory.get(i);
            Map<String, Number> metrics = new LinkedHashMap<>();
            entry.forEach((key, value) -> {
                if (isEvaluationMetric(key) && value instanceof Number n) {
                    metrics.put(key, n);
                }
            });
            if (!metrics.isEmpty()) {
                Map<String, Number> out = new LinkedHashMap<>();
                out.put("step", (Number) entry.get("step"));
                out.putAll(metrics);
                return out;
            }
        }
        return Map.of();
    }
}
