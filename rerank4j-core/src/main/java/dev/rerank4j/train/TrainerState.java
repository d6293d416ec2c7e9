package dev.rerank4j.train;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
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
 * <p>Listeners read it; only the trainer changes it.
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

    /** {@code trainer_state.json} as transformers writes it. */
    void writeTrainerState(Path file) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("best_global_step", bestGlobalStep < 0 ? null : bestGlobalStep);
        m.put("best_metric", bestMetric().isPresent() ? bestMetric : null);
        m.put("best_model_checkpoint", bestModelCheckpoint == null ? null : bestModelCheckpoint.toString());
        m.put("epoch", epoch);
        m.put("eval_steps", evalSteps);
        m.put("global_step", globalStep);
        m.put("is_hyper_param_search", false);
        m.put("is_local_process_zero", true);
        m.put("is_world_process_zero", true);
        m.put("log_history", logHistory);
        m.put("logging_steps", loggingSteps);
        m.put("max_steps", maxSteps);
        m.put("num_input_tokens_seen", 0);
        m.put("num_train_epochs", (long) Math.ceil(numTrainEpochs));
        m.put("save_steps", saveSteps);
        m.put(
                "stateful_callbacks",
                Map.of(
                        "EarlyStoppingCallback",
                        Map.of("attributes", Map.of("early_stopping_patience_counter", earlyStoppingCounter))));
        m.put("total_flos", 0.0);
        m.put("train_batch_size", trainBatchSize);
        m.put("trial_name", null);
        m.put("trial_params", null);
        JSON.writeValue(file.toFile(), m);
    }

    /**
     * What an exact resume needs beyond transformers' state ({@code training_state.json}): the data position, the
     * running sums of the logs, and the descriptive sections the trainer adds (scheduler, RNG, data order).
     */
    void writeProgress(Path file, Map<String, Object> sections) throws IOException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("global_step", globalStep);
        p.put("epoch_index", epochIndex);
        p.put("batch_in_epoch", batchInEpoch);
        p.put("loss_since_log", lossSinceLog);
        p.put("steps_since_log", stepsSinceLog);
        p.put("loss_total", lossTotal);
        p.put("last_loss", lastLoss);
        p.put("last_grad_norm", lastGradNorm);
        p.put("last_learning_rate", lastLearningRate);
        p.put("samples_seen", samplesSeen);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "rerank4j-training-state-1");
        m.put("progress", p);
        m.putAll(sections);
        JSON.writeValue(file.toFile(), m);
    }

    /** Restores a checkpoint's {@code trainer_state.json} and progress file. */
    void read(Path trainerState, Path progress, long seed) throws IOException {
        JsonNode s = JSON.readTree(Files.readString(trainerState));
        JsonNode all = JSON.readTree(Files.readString(progress));
        if (!all.path("format").asText().equals("rerank4j-training-state-1")) {
            throw new IllegalArgumentException(
                    progress + ": not a rerank4j training state (format " + all.path("format") + ")");
        }
        if (all.path("rng").path("seed").asLong() != seed) {
            throw new IllegalArgumentException(progress + ": the checkpoint was trained with seed "
                    + all.path("rng").path("seed").asLong() + ", not " + seed
                    + "; resume with the same seed (or start afresh)");
        }
        JsonNode p = all.path("progress");
        logHistory.clear();
        for (JsonNode entry : s.path("log_history")) {
            logHistory.add(Collections.unmodifiableMap(
                    JSON.convertValue(entry, new TypeReference<LinkedHashMap<String, Object>>() {})));
        }
        JsonNode best = s.path("best_metric");
        bestMetric = best.isNumber() ? best.asDouble() : Double.NaN;
        bestGlobalStep = s.path("best_global_step").isNumber()
                ? s.path("best_global_step").asLong()
                : -1;
        JsonNode bestDir = s.path("best_model_checkpoint");
        bestModelCheckpoint = bestDir.isTextual() ? Path.of(bestDir.asText()) : null;
        epoch = s.path("epoch").asDouble();
        earlyStoppingCounter = s.path("stateful_callbacks")
                .path("EarlyStoppingCallback")
                .path("attributes")
                .path("early_stopping_patience_counter")
                .asInt(0);
        globalStep = p.path("global_step").asLong();
        epochIndex = p.path("epoch_index").asInt();
        batchInEpoch = p.path("batch_in_epoch").asInt();
        lossSinceLog = p.path("loss_since_log").asDouble();
        stepsSinceLog = p.path("steps_since_log").asLong();
        lossTotal = p.path("loss_total").asDouble();
        lastLoss = p.path("last_loss").asDouble();
        lastGradNorm = p.path("last_grad_norm").asDouble();
        lastLearningRate = p.path("last_learning_rate").asDouble();
        samplesSeen = p.path("samples_seen").asLong();
    }
}
