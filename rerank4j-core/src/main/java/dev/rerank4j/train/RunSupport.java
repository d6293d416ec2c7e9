package dev.rerank4j.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rerank4j.loss.LossConfigs;
import dev.rerank4j.model.TrainingAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The heavier actions of a {@link TrainingRun}: evaluation (loss on the evaluation datasets plus the evaluations
 * given), checkpoint contents, resuming from a checkpoint, and the end of training (summary, best model, final save).
 */
final class RunSupport {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunSupport.class);
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String TRAINER_STATE = "trainer_state.json";
    static final String PROGRESS = "training_state.json";
    static final String ARGS = "training_args.json";
    static final String LOSSES = "loss_config.json";

    private final TrainingRun run;
    private final Checkpoints.Contents hook;

    RunSupport(TrainingRun run, Checkpoints.Contents hook) {
        this.run = run;
        this.hook = hook;
    }

    Map<String, Double> evaluate() {
        long start = System.nanoTime();
        Map<String, Double> metrics = new LinkedHashMap<>();
        long rows = 0;
        long batches = 0;
        double weighted = 0;
        for (PreparedDataset d : run.eval) {
            double sum = 0;
            int n = d.size();
            int size = run.args.perDeviceEvalBatchSize();
            for (int from = 0; from < n; from += size) {
                run.stopSignal.throwIfStopped();
                int[] idx = java.util.stream.IntStream.range(from, Math.min(n, from + size))
                        .toArray();
                try (NDManager m = run.root.newSubManager();
                        NDScope scope = new NDScope()) {
                    TrainingModel model = new TrainingModel(run.network, run.params, run.tokenizer, m, null);
                    sum += d.objective().loss(d.batch(idx), model).getFloat() * idx.length;
                }
                batches++;
            }
            rows += n;
            weighted += sum;
            if (run.eval.size() > 1) {
                metrics.put("eval_" + d.name() + "_loss", sum / n);
            }
        }
        if (!run.eval.isEmpty()) {
            metrics.put("eval_loss", weighted / rows);
            double seconds = (System.nanoTime() - start) / 1e9;
            metrics.put("eval_runtime", round(seconds, 4));
            metrics.put("eval_samples_per_second", round(rows / seconds, 3));
            metrics.put("eval_steps_per_second", round(batches / seconds, 3));
        }
        for (TrainingEvaluation e : run.evaluations) {
            run.stopSignal.throwIfStopped();
            e.evaluate(run.model).forEach((k, v) -> metrics.put(k.startsWith("eval_") ? k : "eval_" + k, v));
        }
        run.log(new LinkedHashMap<>(metrics));
        updateBest(metrics);
        return metrics;
    }

    /** Updates the best metric (after the listeners saw the evaluation, as transformers does). */
    private void updateBest(Map<String, Double> metrics) {
        String key = run.args.bestMetricKey();
        if (key.isEmpty()) {
            return;
        }
        Double value = metrics.get(key);
        if (value == null) {
            throw new IllegalArgumentException("metric_for_best_model \"" + run.args.metricForBestModel()
                    + "\" is not among the evaluation metrics " + metrics.keySet());
        }
        TrainerState s = run.state;
        if (s.globalStep == 0) {
            return; // the baseline before training is reported, not a candidate (as transformers' eval_on_start)
        }
        boolean better =
                s.bestMetric().isEmpty() || (run.args.greaterIsBetter() ? value > s.bestMetric : value < s.bestMetric);
        if (better) {
            s.bestMetric = value;
            s.bestGlobalStep = s.globalStep;
        }
    }

    Path saveCheckpoint() throws IOException {
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
                s.writeTrainerState(dir.resolve(TRAINER_STATE));
                s.writeProgress(dir.resolve(PROGRESS), sections());
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
        run.checkpoints.rotate(run.args.saveTotalLimit(), Optional.ofNullable(s.bestModelCheckpoint));
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

    void resume(Path checkpoint) throws IOException {
        for (String f : new String[] {OPTIMIZER, TRAINER_STATE, PROGRESS, "model.safetensors"}) {
            if (!Files.isRegularFile(checkpoint.resolve(f))) {
                throw new IllegalArgumentException("resume_from_checkpoint " + checkpoint + " is not a complete"
                        + " checkpoint: " + f + " is missing");
            }
        }
        TrainingAccess.loadWeights(run.model, checkpoint);
        run.optimizer.load(checkpoint.resolve(OPTIMIZER));
        run.state.read(checkpoint.resolve(TRAINER_STATE), checkpoint.resolve(PROGRESS), run.args.seed());
        if (run.state.globalStep != run.optimizer.steps()) {
            throw new IllegalArgumentException(checkpoint + ": the optimizer has done " + run.optimizer.steps()
                    + " steps but the trainer state says " + run.state.globalStep);
        }
        run.state.lastLearningRate = run.schedule.learningRate(run.state.globalStep);
        JsonNode saved = TrainerState.JSON
                .readTree(checkpoint.resolve(PROGRESS).toFile())
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

    TrainingResult finish(long startNanos, long steps, long samples, boolean stoppedEarly) throws IOException {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        TrainerState s = run.state;
        double trainLoss = s.globalStep == 0 ? 0 : s.lossTotal / s.globalStep;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("train_runtime", round(seconds, 4));
        summary.put("train_samples_per_second", round(samples / Math.max(seconds, 1e-9), 3));
        summary.put("train_steps_per_second", round(steps / Math.max(seconds, 1e-9), 3));
        summary.put("total_flos", 0.0);
        summary.put("train_loss", trainLoss);
        run.log(summary);
        Path finalDir = run.args.outputDir().resolve("final");
        TrainingAccess.save(run.model, finalDir, ModelCardText.render(run));
        Path bestDir = finalDir;
        if (run.args.loadBestModelAtEnd() && s.bestModelCheckpoint != null) {
            Path best = run.args.outputDir().resolve(s.bestModelCheckpoint.getFileName());
            if (Files.isDirectory(best)) {
                TrainingAccess.loadWeights(run.model, best);
                bestDir = run.args.outputDir().resolve("best");
                TrainingAccess.save(run.model, bestDir, ModelCardText.render(run, Checkpoints.step(best)));
            }
        }
        return new TrainingResult(
                s.globalStep,
                s.epoch,
                trainLoss,
                seconds,
                samples / Math.max(seconds, 1e-9),
                stoppedEarly,
                finalDir,
                bestDir,
                s.logHistory());
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
