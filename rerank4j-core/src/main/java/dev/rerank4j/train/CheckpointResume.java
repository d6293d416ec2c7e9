package dev.rerank4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rerank4j.model.TrainingAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Resuming a {@link TrainingRun} from a checkpoint ({@code resume_from_checkpoint}): weights, optimizer state and
 * trainer state, checked against each other, with a warning when a dataset differs from the one trained on.
 */
final class CheckpointResume {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CheckpointResume.class);

    /** Arguments that change where and how often things are logged, evaluated or saved, never the weights. */
    private static final Pattern NOT_TRAJECTORY =
            Pattern.compile("output_dir|run_name|logging_.*|eval_.*|save_.*|resume_from_checkpoint|disable_tqdm"
                    + "|per_device_eval_batch_size|load_best_model_at_end|metric_for_best_model|greater_is_better"
                    + "|early_stopping_.*|report_to");

    private final TrainingRun run;

    CheckpointResume(TrainingRun run) {
        this.run = run;
    }

    /** Restores a checkpoint's weights, optimizer state and trainer state into the run. */
    void resume(Path checkpoint) throws IOException {
        for (String f : new String[] {
            CheckpointWriter.OPTIMIZER, TrainerStateFile.TRAINER_STATE, TrainerStateFile.PROGRESS, "model.safetensors"
        }) {
            if (!Files.isRegularFile(checkpoint.resolve(f))) {
                throw new IllegalArgumentException("resume_from_checkpoint " + checkpoint + " is not a complete"
                        + " checkpoint: " + f + " is missing");
            }
        }
        TrainingAccess.loadWeights(run.model, checkpoint);
        run.optimizer.load(checkpoint.resolve(CheckpointWriter.OPTIMIZER));
        TrainerStateFile.read(run.state, checkpoint, run.args.seed());
        if (run.state.globalStep != run.optimizer.steps()) {
            throw new IllegalArgumentException(checkpoint + ": the optimizer has done " + run.optimizer.steps()
                    + " steps but the trainer state says " + run.state.globalStep);
        }
        run.state.lastLearningRate = run.schedule.learningRate(run.state.globalStep);
        JsonNode saved = TrainerStateFile.readJson(checkpoint.resolve(TrainerStateFile.PROGRESS))
                .path("data_order")
                .path("fingerprints");
        List<String> changes = new ArrayList<>();
        for (PreparedDataset d : run.train) {
            String now = d.source().dataset().fingerprint();
            String then = saved.path(d.name()).asText(now);
            if (!then.equals(now)) {
                changes.add("dataset " + d.name() + " (fingerprint " + then + " -> " + now + ")");
            }
        }
        changes.addAll(changedArguments(checkpoint));
        if (!changes.isEmpty()) {
            LOG.warn(
                    "resuming from {} with changes: {}; the run is no longer an exact continuation of the"
                            + " interrupted one (data order, batches or schedule differ)",
                    checkpoint,
                    String.join(", ", changes));
        }
    }

    /**
     * The training arguments that differ from those the checkpoint was written with ({@code name old -> new}),
     * leaving out those that do not change the weights (where and how often to log, evaluate and save).
     */
    private List<String> changedArguments(Path checkpoint) throws IOException {
        Path file = checkpoint.resolve(CheckpointWriter.ARGS);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        JsonNode then = TrainerStateFile.readJson(file);
        JsonNode now = TrainerState.JSON.valueToTree(run.args.toMap());
        List<String> changed = new ArrayList<>();
        now.properties().forEach(e -> {
            String key = e.getKey();
            JsonNode old = then.get(key);
            if (old != null
                    && !NOT_TRAJECTORY.matcher(key).matches()
                    && !old.asText().equals(e.getValue().asText())) {
                changed.add(key + " " + old.asText() + " -> " + e.getValue().asText());
            }
        });
        return changed;
    }
}
