package dev.rerank4j.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Where training stands: the step, the epoch, the log history and the best checkpoint so far. Written into every
 * checkpoint as {@code trainer_state.json} in transformers' format (so its tools read it), plus the position in the
 * data and the running averages, which an exact resume needs.
 *
 * <p>Listeners read it; only the trainer changes it. {@link TrainerStateFile} is the one place that writes it to a
 * checkpoint and reads it back.
 */
public final class TrainerState {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final List<Map<String, Object>> logHistory = new ArrayList<>();
    long globalStep;
    double epoch;
    long maxSteps;
    double numTrainEpochs;
    int trainBatchSize;
    long loggingSteps;
    long evalSteps;
    long saveSteps;
    /** Completed epochs, and micro-batches consumed in the current one. */
    int epochIndex;

    int batchInEpoch;
    /** Sum of step losses and number of steps since the last logged loss; sum of all step losses. */
    double lossSinceLog;

    long stepsSinceLog;
    double lossTotal;
    double lastGradNorm;
    double lastLearningRate;
    long samplesSeen;
    int earlyStoppingCounter;
    double bestMetric = Double.NaN;
    long bestGlobalStep = -1;
    Path bestModelCheckpoint;

    TrainerState() {}

    /** Optimizer steps done. */
    public long globalStep() {
        return globalStep;
    }

    /** Epochs done, fractional. */
    public double epoch() {
        return epoch;
    }

    /** The total number of optimizer steps planned. */
    public long maxSteps() {
        return maxSteps;
    }

    /** Every logged entry so far (losses, evaluations), as in transformers' {@code log_history}. */
    public List<Map<String, Object>> logHistory() {
        return Collections.unmodifiableList(logHistory);
    }

    /** The loss of the last optimizer step. */
    public double lastLoss() {
        return lastLoss;
    }

    /** The learning rate the next optimizer step will use. */
    public double learningRate() {
        return lastLearningRate;
    }

    /** Training rows processed so far. */
    public long samplesSeen() {
        return samplesSeen;
    }

    /** The best value of {@code metric_for_best_model} so far. */
    public OptionalDouble bestMetric() {
        return Double.isNaN(bestMetric) ? OptionalDouble.empty() : OptionalDouble.of(bestMetric);
    }

    /** The checkpoint holding the best model so far, once one was saved. */
    public Optional<Path> bestModelCheckpoint() {
        return Optional.ofNullable(bestModelCheckpoint);
    }

    double lastLoss;

    void addLog(Map<String, Object> entry) {
        logHistory.add(Collections.unmodifiableMap(new LinkedHashMap<>(entry)));
    }

    void clearLog() {
        logHistory.clear();
    }
}
