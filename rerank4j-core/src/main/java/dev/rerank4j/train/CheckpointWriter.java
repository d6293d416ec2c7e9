package dev.rerank4j.train;

import dev.rerank4j.loss.LossConfigs;
import dev.rerank4j.model.TrainingAccess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a checkpoint of a {@link TrainingRun} holds: the model (with its card), the checkpoint hook's files, the
 * optimizer state, the trainer state ({@link TrainerStateFile}), the training arguments and the losses.
 */
final class CheckpointWriter {
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String ARGS = "training_args.json";
    static final String LOSSES = "loss_config.json";

    private final TrainingRun run;
    private final Checkpoints.Contents hook;

    CheckpointWriter(TrainingRun run, Checkpoints.Contents hook) {
        this.run = run;
        this.hook = hook;
    }

    /** Writes {@code checkpoint-<step>} atomically, then rotates old ones; returns its directory. */
    Path save() throws IOException {
        TrainerState s = run.state;
        Path target = run.args.outputDir().resolve(Checkpoints.PREFIX + s.globalStep);
        Path previousBest = s.bestModelCheckpoint;
        if (s.bestGlobalStep == s.globalStep) {
            s.bestModelCheckpoint = target;
        }
        try {
            run.checkpoints.write(s.globalStep, dir -> {
                TrainingAccess.save(run.model, dir, ModelCardText.render(run));
                hook.writeInto(dir);
                run.optimizer.save(dir.resolve(OPTIMIZER));
                TrainerStateFile.write(s, dir, sections());
                TrainerState.JSON.writeValue(dir.resolve(ARGS).toFile(), run.args.toMap());
                Map<String, Object> losses = new LinkedHashMap<>();
                run.train.forEach(
                        d -> losses.put(d.name(), LossConfigs.toMap(d.source().loss())));
                TrainerState.JSON.writeValue(dir.resolve(LOSSES).toFile(), losses);
            });
        } catch (IOException | RuntimeException e) {
            s.bestModelCheckpoint = previousBest;
            throw e;
        }
        if (s.bestModelCheckpoint == null) {
            run.checkpoints.rotate(run.args.saveTotalLimit());
        } else {
            run.checkpoints.rotate(run.args.saveTotalLimit(), s.bestModelCheckpoint);
        }
        return target;
    }

    /** The scheduler, RNG and data-order sections of {@code training_state.json}. */
    private Map<String, Object> sections() {
        Map<String, Object> scheduler = new LinkedHashMap<>();
        scheduler.put("lr_scheduler_type", ArgumentTable.name(run.args.lrSchedulerType()));
        scheduler.put("learning_rate", run.args.learningRate());
        scheduler.put("warmup_steps", run.schedule.warmupSteps());
        scheduler.put("max_steps", run.schedule.maxSteps());
        scheduler.put("last_step", run.state.globalStep);
        Map<String, Object> rng = new LinkedHashMap<>();
        rng.put("seed", run.args.seed());
        rng.put("data_order", "epoch e: generators seeded from (seed, e, dataset)");
        rng.put("dropout", "step s, batch b: torch seeded from (seed, s, b)");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("epoch", run.state.epochIndex);
        data.put("batch_in_epoch", run.state.batchInEpoch);
        data.put("batch_sampler", ArgumentTable.name(run.args.batchSampler()));
        data.put("multi_dataset_batch_sampler", ArgumentTable.name(run.args.multiDatasetBatchSampler()));
        data.put("per_device_train_batch_size", run.args.perDeviceTrainBatchSize());
        data.put("gradient_accumulation_steps", run.args.gradientAccumulationSteps());
        Map<String, Object> fingerprints = new LinkedHashMap<>();
        run.train.forEach(d -> fingerprints.put(d.name(), d.source().dataset().fingerprint()));
        data.put("fingerprints", fingerprints);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scheduler", scheduler);
        out.put("rng", rng);
        out.put("data_order", data);
        return out;
    }
}
