package dev.rerank4j.train;

import dev.rerank4j.hub.Visibility;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The training arguments, with the names and defaults of transformers' {@code TrainingArguments} and
 * sentence-transformers' {@code CrossEncoderTrainingArguments}, so that a Python recipe translates line by line. Build
 * one from a map of those names, {@code TrainingArguments.of(Map.of("output_dir", "out", "learning_rate", 2e-5))}, or
 * from a config file ({@code dev.rerank4j.train.config.TrainConfig}). Every value is checked here; a bad one fails naming the argument, the value
 * and the allowed range.
 *
 * <p>rerank4j additions: {@code hidden_dropout_prob} and {@code attention_probs_dropout_prob} override the model's
 * dropout during training (NaN keeps it; dropout is a large share of a CPU step), {@code early_stopping_patience} and
 * {@code early_stopping_threshold} (transformers' EarlyStoppingCallback), and {@code eval_on_start} defaults to true:
 * with evaluation on, the untrained model is evaluated first, as the baseline.
 *
 * @param outputDir {@code output_dir}: checkpoints, metrics, plot and final model go here
 * @param runName {@code run_name}; empty = the output directory's name
 * @param numTrainEpochs {@code num_train_epochs} (3.0), may be fractional
 * @param maxSteps {@code max_steps}: optimizer steps; -1 = from the epochs
 * @param perDeviceTrainBatchSize {@code per_device_train_batch_size} (8)
 * @param perDeviceEvalBatchSize {@code per_device_eval_batch_size} (8)
 * @param gradientAccumulationSteps {@code gradient_accumulation_steps} (1): batches per optimizer step
 * @param learningRate {@code learning_rate} (5e-5)
 * @param weightDecay {@code weight_decay} (0.0), never applied to biases and LayerNorm weights
 * @param adamBeta1 {@code adam_beta1} (0.9)
 * @param adamBeta2 {@code adam_beta2} (0.999)
 * @param adamEpsilon {@code adam_epsilon} (1e-8)
 * @param maxGradNorm {@code max_grad_norm} (1.0): global-norm gradient clipping; 0 = none
 * @param lrSchedulerType {@code lr_scheduler_type} (linear)
 * @param warmupRatio {@code warmup_ratio} (0.0): warmup as a fraction of the steps
 * @param warmupSteps {@code warmup_steps} (0): warmup steps; wins over the ratio when positive
 * @param seed {@code seed} (42): data order and dropout
 * @param loggingStrategy {@code logging_strategy} (steps)
 * @param loggingSteps {@code logging_steps} (500); a value below 1 is a fraction of the steps
 * @param loggingFirstStep {@code logging_first_step} (false)
 * @param evalStrategy {@code eval_strategy} (no)
 * @param evalSteps {@code eval_steps}; 0 = {@code logging_steps}; below 1 a fraction of the steps
 * @param evalOnStart {@code eval_on_start}: evaluate before the first step (rerank4j default: true)
 * @param saveStrategy {@code save_strategy} (steps)
 * @param saveSteps {@code save_steps} (500); below 1 a fraction of the steps
 * @param saveTotalLimit {@code save_total_limit}: checkpoints kept, the best always among them; 0 = all
 * @param loadBestModelAtEnd {@code load_best_model_at_end} (false)
 * @param metricForBestModel {@code metric_for_best_model}; empty = none ({@code loss} with load_best_model_at_end)
 * @param greaterIsBetter {@code greater_is_better}; by default true unless the metric ends with "loss"
 * @param batchSampler {@code batch_sampler} (BATCH_SAMPLER)
 * @param multiDatasetBatchSampler {@code multi_dataset_batch_sampler} (PROPORTIONAL)
 * @param dataloaderDropLast {@code dataloader_drop_last} (false)
 * @param resumeFromCheckpoint {@code resume_from_checkpoint}: a checkpoint directory, {@code true} for the last one
 *     in the output directory, or empty
 * @param hiddenDropoutProb {@code hidden_dropout_prob} during training; NaN = the model's
 * @param attentionProbsDropoutProb {@code attention_probs_dropout_prob} during training; NaN = the model's
 * @param earlyStoppingPatience {@code early_stopping_patience}: evaluations without improvement before stopping; 0 =
 *     off
 * @param earlyStoppingThreshold {@code early_stopping_threshold}: the improvement that counts
 * @param disableTqdm {@code disable_tqdm}: no progress bar
 * @param pushToHub {@code push_to_hub} (false): after training, upload the model (the best one with {@code
 *     load_best_model_at_end}, else the final one) to {@code hub_model_id}, with the token of {@code HF_TOKEN}
 * @param hubModelId {@code hub_model_id}: the repository to push to, {@code org/name}; required with {@code
 *     push_to_hub}
 * @param hubPrivateRepo {@code hub_private_repo}: true = private, false = public, unset = the hub's default; applies
 *     only when the push creates the repository
 */
public record TrainingArguments(
        Path outputDir,
        String runName,
        double numTrainEpochs,
        int maxSteps,
        int perDeviceTrainBatchSize,
        int perDeviceEvalBatchSize,
        int gradientAccumulationSteps,
        double learningRate,
        double weightDecay,
        double adamBeta1,
        double adamBeta2,
        double adamEpsilon,
        double maxGradNorm,
        LrSchedulerType lrSchedulerType,
        double warmupRatio,
        int warmupSteps,
        long seed,
        IntervalStrategy loggingStrategy,
        double loggingSteps,
        boolean loggingFirstStep,
        IntervalStrategy evalStrategy,
        double evalSteps,
        boolean evalOnStart,
        SaveStrategy saveStrategy,
        double saveSteps,
        int saveTotalLimit,
        boolean loadBestModelAtEnd,
        String metricForBestModel,
        boolean greaterIsBetter,
        BatchSamplers batchSampler,
        MultiDatasetBatchSamplers multiDatasetBatchSampler,
        boolean dataloaderDropLast,
        String resumeFromCheckpoint,
        double hiddenDropoutProb,
        double attentionProbsDropoutProb,
        int earlyStoppingPatience,
        double earlyStoppingThreshold,
        boolean disableTqdm,
        boolean pushToHub,
        String hubModelId,
        Visibility hubPrivateRepo) {

    /** Checks every value; see the class comment. Fails naming the argument, the value and the allowed range. */
    public TrainingArguments(
            Path outputDir,
            String runName,
            double numTrainEpochs,
            int maxSteps,
            int perDeviceTrainBatchSize,
            int perDeviceEvalBatchSize,
            int gradientAccumulationSteps,
            double learningRate,
            double weightDecay,
            double adamBeta1,
            double adamBeta2,
            double adamEpsilon,
            double maxGradNorm,
            LrSchedulerType lrSchedulerType,
            double warmupRatio,
            int warmupSteps,
            long seed,
            IntervalStrategy loggingStrategy,
            double loggingSteps,
            boolean loggingFirstStep,
            IntervalStrategy evalStrategy,
            double evalSteps,
            boolean evalOnStart,
            SaveStrategy saveStrategy,
            double saveSteps,
            int saveTotalLimit,
            boolean loadBestModelAtEnd,
            String metricForBestModel,
            boolean greaterIsBetter,
            BatchSamplers batchSampler,
            MultiDatasetBatchSamplers multiDatasetBatchSampler,
            boolean dataloaderDropLast,
            String resumeFromCheckpoint,
            double hiddenDropoutProb,
            double attentionProbsDropoutProb,
            int earlyStoppingPatience,
            double earlyStoppingThreshold,
            boolean disableTqdm,
            boolean pushToHub,
            String hubModelId,
            Visibility hubPrivateRepo) {
        Objects.requireNonNull(outputDir, "output_dir");
        Objects.requireNonNull(hubModelId, "hub_model_id");
        Objects.requireNonNull(hubPrivateRepo, "hub_private_repo");
        Objects.requireNonNull(runName, "run_name");
        Objects.requireNonNull(lrSchedulerType, "lr_scheduler_type");
        Objects.requireNonNull(loggingStrategy, "logging_strategy");
        Objects.requireNonNull(evalStrategy, "eval_strategy");
        Objects.requireNonNull(saveStrategy, "save_strategy");
        Objects.requireNonNull(metricForBestModel, "metric_for_best_model");
        Objects.requireNonNull(batchSampler, "batch_sampler");
        Objects.requireNonNull(multiDatasetBatchSampler, "multi_dataset_batch_sampler");
        Objects.requireNonNull(resumeFromCheckpoint, "resume_from_checkpoint");
        this.outputDir = outputDir;
        this.runName = runName;
        this.numTrainEpochs = numTrainEpochs;
        this.maxSteps = maxSteps;
        this.perDeviceTrainBatchSize = perDeviceTrainBatchSize;
        this.perDeviceEvalBatchSize = perDeviceEvalBatchSize;
        this.gradientAccumulationSteps = gradientAccumulationSteps;
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
        this.adamBeta1 = adamBeta1;
        this.adamBeta2 = adamBeta2;
        this.adamEpsilon = adamEpsilon;
        this.maxGradNorm = maxGradNorm;
        this.lrSchedulerType = lrSchedulerType;
        this.warmupRatio = warmupRatio;
        this.warmupSteps = warmupSteps;
        this.seed = seed;
        this.loggingStrategy = loggingStrategy;
        this.loggingSteps = loggingSteps;
        this.loggingFirstStep = loggingFirstStep;
        this.evalStrategy = evalStrategy;
        this.evalSteps = evalSteps;
        this.evalOnStart = evalOnStart;
        this.saveStrategy = saveStrategy;
        this.saveSteps = saveSteps;
        this.saveTotalLimit = saveTotalLimit;
        this.loadBestModelAtEnd = loadBestModelAtEnd;
        this.metricForBestModel = metricForBestModel;
        this.greaterIsBetter = greaterIsBetter;
        this.batchSampler = batchSampler;
        this.multiDatasetBatchSampler = multiDatasetBatchSampler;
        this.dataloaderDropLast = dataloaderDropLast;
        this.resumeFromCheckpoint = resumeFromCheckpoint;
        this.hiddenDropoutProb = hiddenDropoutProb;
        this.attentionProbsDropoutProb = attentionProbsDropoutProb;
        this.earlyStoppingPatience = earlyStoppingPatience;
        this.earlyStoppingThreshold = earlyStoppingThreshold;
        this.disableTqdm = disableTqdm;
        this.pushToHub = pushToHub;
        this.hubModelId = hubModelId;
        this.hubPrivateRepo = hubPrivateRepo;
        ArgumentChecks.check(this);
    }

    /** transformers' defaults, with {@code output_dir} {@code trainer_output}. */
    public static TrainingArguments defaults() {
        return ArgumentTable.parse(Map.of());
    }

    /**
     * Arguments from transformers' names; the rest keep their defaults.
     *
     * @throws IllegalArgumentException naming an unknown argument (with the closest known name), a value of the wrong
     *     type, or a value out of range
     */
    public static TrainingArguments of(Map<String, ?> values) {
        return ArgumentTable.parse(values);
    }

    /** A copy with some arguments changed, by transformers' names. */
    public TrainingArguments with(Map<String, ?> changes) {
        Map<String, Object> all = new LinkedHashMap<>(toMap());
        if (changes.containsKey("metric_for_best_model") && !changes.containsKey("greater_is_better")) {
            all.remove("greater_is_better");
        }
        all.putAll(changes);
        return ArgumentTable.parse(all);
    }

    /** A copy with one argument changed. */
    public TrainingArguments with(String name, Object value) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put(name, value);
        return with(change);
    }

    /** Every argument by transformers' name, with plain values (strings, numbers, booleans). */
    public Map<String, Object> toMap() {
        return ArgumentTable.toMap(this);
    }

    /** The arguments that differ from the defaults (for model cards). */
    public Map<String, Object> nonDefault() {
        Map<String, Object> defaults = defaults().toMap();
        Map<String, Object> out = new LinkedHashMap<>();
        toMap().forEach((k, v) -> {
            if (!Objects.equals(String.valueOf(defaults.get(k)), String.valueOf(v))) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The run's name: {@code run_name}, else the output directory's name. */
    public String effectiveRunName() {
        return runName.isEmpty()
                ? outputDir.toAbsolutePath().normalize().getFileName().toString()
                : runName;
    }

    /** The metric deciding the best checkpoint, with the {@code eval_} prefix; empty when none. */
    public String bestMetricKey() {
        String m = metricForBestModel;
        return m.isEmpty() ? "" : m.startsWith("eval_") ? m : "eval_" + m;
    }
}
