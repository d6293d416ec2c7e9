package dev.rerank4j.train;

/**
 * The numbers a run is planned with, as transformers derives them: optimizer steps per epoch ({@code ceil(batches /
 * gradient_accumulation_steps)}), total steps ({@code max_steps}, else {@code ceil(num_train_epochs *
 * steps_per_epoch)}), warmup ({@code warmup_steps}, else {@code ceil(warmup_ratio * total)}), the logging,
 * evaluation and save intervals (fractions below 1 are of the total), and the learning rate at each step.
 */
record Schedule(
        long stepsPerEpoch,
        long maxSteps,
        long warmupSteps,
        long loggingSteps,
        long evalSteps,
        long saveSteps,
        double baseLr,
        LrSchedulerType type) {

    static Schedule of(TrainingArguments a, int batchesPerEpoch) {
        if (batchesPerEpoch <= 0) {
            throw new IllegalArgumentException("the training data gives no batch: it holds fewer rows than"
                    + " per_device_train_batch_size (" + a.perDeviceTrainBatchSize() + ") and dataloader_drop_last is"
                    + " true");
        }
        long perEpoch =
                Math.max(1, (batchesPerEpoch + a.gradientAccumulationSteps() - 1) / a.gradientAccumulationSteps());
        long total = a.maxSteps() > 0 ? a.maxSteps() : (long) Math.ceil(a.numTrainEpochs() * perEpoch);
        long warmup = a.warmupSteps() > 0 ? a.warmupSteps() : (long) Math.ceil(a.warmupRatio() * total);
        long logging = interval(a.loggingSteps(), total);
        long eval = a.evalSteps() == 0 ? logging : interval(a.evalSteps(), total);
        return new Schedule(
                perEpoch,
                Math.max(1, total),
                warmup,
                logging,
                eval,
                interval(a.saveSteps(), total),
                a.learningRate(),
                a.lrSchedulerType());
    }

    private static long interval(double value, long total) {
        return value < 1 ? Math.max(1, (long) Math.ceil(value * total)) : (long) value;
    }

    /** The learning rate of the optimizer step that follows {@code stepsDone} completed steps. */
    double learningRate(long stepsDone) {
        return baseLr == 0 ? 0 : baseLr * type.factor(stepsDone, warmupSteps, maxSteps, baseLr);
    }

    /** Puts the planned numbers into a fresh state. */
    void describe(TrainerState s) {
        s.maxSteps = maxSteps;
        s.numTrainEpochs = (double) maxSteps / stepsPerEpoch;
        s.loggingSteps = loggingSteps;
        s.evalSteps = evalSteps;
        s.saveSteps = saveSteps;
        s.lastLearningRate = learningRate(0);
    }
}
