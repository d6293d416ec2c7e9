package dev.rerank4j.train;

import dev.rerank4j.loss.BinaryCrossEntropyLoss;
import dev.rerank4j.model.CrossEncoder;
import java.nio.file.Path;
import java.util.Map;

/**
 * A child process for {@link KillDuringCheckpointTest}: trains the tiny task with a checkpoint after every step, so
 * that a kill lands while one is being written most of the time.
 *
 * <p>Arguments: model directory, output directory, max steps, resume (true/false).
 */
public final class KillTarget {
    private KillTarget() {}

    public static void main(String[] args) throws Exception {
        try (CrossEncoder model = TinyTask.model(Path.of(args[0]))) {
            TrainingArguments a = TinyTask.args(
                    Path.of(args[1]),
                    Map.of(
                            "max_steps", Integer.parseInt(args[2]),
                            "per_device_train_batch_size", 4,
                            "save_strategy", "steps",
                            "save_steps", 1,
                            "save_total_limit", 3,
                            "logging_steps", 5,
                            "resume_from_checkpoint", Boolean.parseBoolean(args[3])));
            CrossEncoderTrainer.builder(model, a)
                    .trainDataset(TrainingDataset.of("tiny", TinyTask.rows(32, 5), new BinaryCrossEntropyLoss()))
                    .build()
                    .train();
        }
    }
}
