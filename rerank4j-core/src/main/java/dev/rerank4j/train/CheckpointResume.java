package dev.rerank4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rerank4j.model.TrainingAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resuming a {@link TrainingRun} from a checkpoint ({@code resume_from_checkpoint}): weights, optimizer state and
 * trainer state, checked against each other, with a warning when a dataset differs from the one trained on.
 */
final class CheckpointResume {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CheckpointResume.class);

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
        JsonNode saved = TrainerState.JSON
                .readTree(checkpoint.resolve(TrainerStateFile.PROGRESS).toFile())
                .path("data_order")
                .path("fingerprints");
        for (PreparedDataset d : run.train) {
            String now = d.source().dataset().fingerprint();
            if (!saved.path(d.name()).asText(now).equals(now)) {
                LOG.warn(
                        "dataset {} differs from the one checkpoint {} was trained on (fingerprint {} vs {}):"
                                + " the resumed run will not repeat the uninterrupted one",
                        d.name(),
                        checkpoint,
                        now,
                        saved.path(d.name()).asText());
            }
        }
    }
}
