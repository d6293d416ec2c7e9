package dev.rerank4j.train;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rerank4j.ParseErrors;
import dev.rerank4j.Rerank4jException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one writer (and reader) of a {@link TrainerState} on disk: {@code trainer_state.json} in transformers' format,
 * and {@code training_state.json}, the data position, running sums and descriptive sections an exact resume needs.
 */
final class TrainerStateFile {
    static final String TRAINER_STATE = "trainer_state.json";
    static final String PROGRESS = "training_state.json";
    private static final String FORMAT = "rerank4j-training-state-1";

    private TrainerStateFile() {}

    /** Writes both files into a checkpoint directory; {@code sections} are added to the progress file. */
    static void write(TrainerState s, Path dir, Map<String, Object> sections) throws IOException {
        writeTrainerState(s, dir.resolve(TRAINER_STATE));
        writeProgress(s, dir.resolve(PROGRESS), sections);
    }

    /** Restores both files of a checkpoint directory into {@code s}, checking they were trained with {@code seed}. */
    static void read(TrainerState s, Path dir, long seed) throws IOException {
        read(s, dir.resolve(TRAINER_STATE), dir.resolve(PROGRESS), seed);
    }

    /** {@code trainer_state.json} as transformers writes it. */
    private static void writeTrainerState(TrainerState s, Path file) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("best_global_step", s.bestGlobalStep < 0 ? null : s.bestGlobalStep);
        m.put("best_metric", s.bestMetric().isPresent() ? s.bestMetric : null);
        m.put("best_model_checkpoint", s.bestModelCheckpoint == null ? null : s.bestModelCheckpoint.toString());
        m.put("epoch", s.epoch);
        m.put("eval_steps", s.evalSteps);
        m.put("global_step", s.globalStep);
        m.put("is_hyper_param_search", false);
        m.put("is_local_process_zero", true);
        m.put("is_world_process_zero", true);
        m.put("log_history", s.logHistory());
        m.put("logging_steps", s.loggingSteps);
        m.put("max_steps", s.maxSteps);
        m.put("num_input_tokens_seen", 0);
        m.put("num_train_epochs", (long) Math.ceil(s.numTrainEpochs));
        m.put("save_steps", s.saveSteps);
        m.put(
                "stateful_callbacks",
                Map.of(
                        "EarlyStoppingCallback",
                        Map.of("attributes", Map.of("early_stopping_patience_counter", s.earlyStoppingCounter))));
        m.put("total_flos", 0.0);
        m.put("train_batch_size", s.trainBatchSize);
        m.put("trial_name", null);
        m.put("trial_params", null);
        TrainerState.JSON.writeValue(file.toFile(), m);
    }

    /**
     * What an exact resume needs beyond transformers' state ({@code training_state.json}): the data position, the
     * running sums of the logs, and the descriptive sections the trainer adds (scheduler, RNG, data order).
     */
    private static void writeProgress(TrainerState s, Path file, Map<String, Object> sections) throws IOException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("global_step", s.globalStep);
        p.put("epoch_index", s.epochIndex);
        p.put("batch_in_epoch", s.batchInEpoch);
        p.put("loss_since_log", s.lossSinceLog);
        p.put("steps_since_log", s.stepsSinceLog);
        p.put("loss_total", s.lossTotal);
        p.put("last_loss", s.lastLoss);
        p.put("last_grad_norm", s.lastGradNorm);
        p.put("last_learning_rate", s.lastLearningRate);
        p.put("samples_seen", s.samplesSeen);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("progress", p);
        m.putAll(sections);
        TrainerState.JSON.writeValue(file.toFile(), m);
    }

    /** A JSON file of a checkpoint; a damaged one is bad input naming the file, the line and the way out. */
    static JsonNode readJson(Path file) throws IOException {
        try {
            return TrainerState.JSON.readTree(Files.readString(file));
        } catch (JacksonException | CharacterCodingException e) {
            throw new Rerank4jException(
                    Rerank4jException.Fault.BAD_INPUT,
                    ParseErrors.describe(file, "not valid JSON", e) + "; the checkpoint " + file.getParent()
                            + " is damaged: resume from another checkpoint, or delete this one",
                    e);
        }
    }

    /** Restores a checkpoint's {@code trainer_state.json} and progress file. */
    private static void read(TrainerState state, Path trainerState, Path progress, long seed) throws IOException {
        JsonNode s = readJson(trainerState);
        JsonNode all = readJson(progress);
        if (!all.path("format").asText().equals(FORMAT)) {
            throw new IllegalArgumentException(
                    progress + ": not a rerank4j training state (format " + all.path("format") + ")");
        }
        if (all.path("rng").path("seed").asLong() != seed) {
            throw new IllegalArgumentException(progress + ": the checkpoint was trained with seed "
                    + all.path("rng").path("seed").asLong() + ", not " + seed
                    + "; resume with the same seed (or start afresh)");
        }
        JsonNode p = all.path("progress");
        state.clearLog();
        for (JsonNode entry : s.path("log_history")) {
            state.addLog(TrainerState.JSON.convertValue(entry, new TypeReference<LinkedHashMap<String, Object>>() {}));
        }
        JsonNode best = s.path("best_metric");
        state.bestMetric = best.isNumber() ? best.asDouble() : Double.NaN;
        state.bestGlobalStep = s.path("best_global_step").isNumber()
                ? s.path("best_global_step").asLong()
                : -1;
        JsonNode bestDir = s.path("best_model_checkpoint");
        state.bestModelCheckpoint = bestDir.isTextual() ? Path.of(bestDir.asText()) : null;
        state.epoch = s.path("epoch").asDouble();
        state.earlyStoppingCounter = s.path("stateful_callbacks")
                .path("EarlyStoppingCallback")
                .path("attributes")
                .path("early_stopping_patience_counter")
                .asInt(0);
        state.globalStep = p.path("global_step").asLong();
        state.epochIndex = p.path("epoch_index").asInt();
        state.batchInEpoch = p.path("batch_in_epoch").asInt();
        state.lossSinceLog = p.path("loss_since_log").asDouble();
        state.stepsSinceLog = p.path("steps_since_log").asLong();
        state.lossTotal = p.path("loss_total").asDouble();
        state.lastLoss = p.path("last_loss").asDouble();
        state.lastGradNorm = p.path("last_grad_norm").asDouble();
        state.lastLearningRate = p.path("last_learning_rate").asDouble();
        state.samplesSeen = p.path("samples_seen").asLong();
    }
}
