package dev.rerank4j.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.rerank4j.RunInterruptedException;
import dev.rerank4j.StopSignal;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.model.Network;
import dev.rerank4j.model.Parameters;
import dev.rerank4j.model.TorchRuntime;
import dev.rerank4j.model.TrainingAccess;
import dev.rerank4j.tokenize.PairEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One call of {@link CrossEncoderTrainer#train()}: the loop, and the {@link TrainerContext} its listeners act through.
 * Evaluation ({@link RunEvaluation}), checkpoint files ({@link CheckpointWriter}, {@link CheckpointResume}) and the
 * final save ({@link TrainingEnd}) live in their own classes.
 */
final class TrainingRun implements TrainerContext {
    final CrossEncoder model;
    final TrainingArguments args;
    final List<PreparedDataset> train;
    final List<PreparedDataset> eval;
    final List<TrainingEvaluation> evaluations;
    final List<TrainerListener> listeners;
    final Network network;
    final Parameters params;
    final PairEncoder tokenizer;
    final NDManager root;
    final TorchRuntime runtime;
    final AdamW optimizer;
    final DataOrder order;
    final TrainerState state = new TrainerState();
    final Checkpoints checkpoints;
    final Schedule schedule;
    private final RunEvaluation evaluation;
    private final CheckpointWriter checkpointWriter;
    final StopSignal stopSignal;
    private Path lastCheckpoint;
    private long lastCheckpointStep = -1;
    private List<DataOrder.Planned> epochBatches;
    private boolean stop;
    private boolean stoppedEarly;
    private boolean epochEnded;

    TrainingRun(CrossEncoderTrainer t, List<PreparedDataset> train, List<PreparedDataset> eval) {
        this.model = t.model();
        this.args = t.args();
        this.train = train;
        this.eval = eval;
        this.evaluations = t.evaluations();
        this.listeners = t.allListeners();
        this.network = TrainingAccess.trainingNetwork(
                model, (float) args.hiddenDropoutProb(), (float) args.attentionProbsDropoutProb());
        this.params = TrainingAccess.parameters(model);
        this.tokenizer = TrainingAccess.tokenizer(model);
        this.root = TrainingAccess.manager(model);
        this.runtime = TrainingAccess.runtime(model);
        this.order = new DataOrder(train, args);
        this.checkpoints = new Checkpoints(args.outputDir());
        this.schedule = Schedule.of(args, order.expectedBatchesPerEpoch());
        this.optimizer = new AdamW(params.all(), root, args);
        this.evaluation = new RunEvaluation(this);
        this.checkpointWriter = new CheckpointWriter(this, t.checkpointHook());
        this.stopSignal = t.stopSignal();
        schedule.describe(state);
        state.trainBatchSize = args.perDeviceTrainBatchSize();
    }

    /** The training loop: forward, loss, backward, clip, AdamW, schedule; everything else is a listener. */
    TrainingResult run() throws IOException {
        long start = System.nanoTime();
        long firstStep = state.globalStep;
        long firstSamples = state.samplesSeen;
        try {
            loop();
        } catch (RunInterruptedException e) {
            throw interrupted(e);
        }
        return new TrainingEnd(this)
                .finish(start, state.globalStep - firstStep, state.samplesSeen - firstSamples, stoppedEarly);
    }

    /** Steps until max_steps or a listener's stop; a requested stop ends it between two steps. */
    private void loop() {
        listeners.forEach(l -> l.onTrainBegin(this));
        while (state.globalStep < state.maxSteps && !stop) {
            stopSignal.throwIfStopped();
            List<DataOrder.Planned> micro = nextBatches();
            double loss = forwardBackward(micro);
            // Grad mode is per thread in libtorch: the update must not depend on the thread the run is on.
            double norm = runtime.withoutGradient(optimizer::gradientNorm);
            requireFinite(loss, norm);
            runtime.withoutGradient(() -> {
                optimizer.clip(norm, args.maxGradNorm());
                optimizer.step(schedule.learningRate(state.globalStep));
                return null;
            });
            advance(micro, loss, norm);
            listeners.forEach(l -> l.onStepEnd(this));
            if (epochEnded) {
                listeners.forEach(l -> l.onEpochEnd(this));
            }
        }
        listeners.forEach(l -> l.onTrainEnd(this));
    }

    /**
     * The stop at a safe point: the step is complete (weights, optimizer, data position), so a checkpoint of it resumes
     * exactly; it is written unless one exists already or save_strategy is no.
     */
    private TrainingInterruptedException interrupted(RunInterruptedException e) throws IOException {
        long step = state.globalStep;
        String at = "stopped on " + e.request().reason() + " after step " + step + " of " + state.maxSteps;
        if (lastCheckpointStep != step && step > 0 && args.saveStrategy() != SaveStrategy.NO) {
            saveCheckpoint();
        }
        String where;
        if (lastCheckpoint == null) {
            where = step == 0
                    ? "no checkpoint written (stopped before the first step)"
                    : "no checkpoint written (save_strategy is no); training must start again";
        } else if (lastCheckpointStep == step) {
            where = "checkpoint " + lastCheckpoint + " holds this step";
        } else {
            where = "the last checkpoint is " + lastCheckpoint + " (step " + lastCheckpointStep + ")";
        }
        org.slf4j.LoggerFactory.getLogger(TrainingRun.class).debug("{}: {}", at, where);
        return new TrainingInterruptedException(e.request(), at + "; " + where, step, lastCheckpoint);
    }

    /** The next optimizer step's batches: gradient_accumulation_steps of them, fewer at the end of an epoch. */
    private List<DataOrder.Planned> nextBatches() {
        if (epochBatches == null) {
            epochBatches = order.epoch(state.epochIndex);
            if (epochBatches.isEmpty()) {
                throw new IllegalStateException("epoch " + state.epochIndex + " has no batches: the training data"
                        + " holds fewer rows than per_device_train_batch_size and dataloader_drop_last is true");
            }
        }
        int from = state.batchInEpoch;
        int to = Math.min(epochBatches.size(), from + args.gradientAccumulationSteps());
        return epochBatches.subList(from, to);
    }

    /**
     * Forward and backward passes of the step's batches; gradients add up. Returns the mean loss. Each batch runs
     * under {@link TorchRuntime#withSeed}: its dropout masks depend only on (seed, step, batch), so a resumed run draws
     * the same ones, and nothing else in the process can reseed the generator halfway through.
     */
    private double forwardBackward(List<DataOrder.Planned> micro) {
        double total = 0;
        for (int i = 0; i < micro.size(); i++) {
            DataOrder.Planned planned = micro.get(i);
            PreparedDataset d = train.get(planned.dataset());
            int seed = (int) DataOrder.mix(args.seed(), state.globalStep, i + 1L);
            float scale = 1f / micro.size();
            total += runtime.withSeed(seed, () -> {
                try (NDManager m = root.newSubManager();
                        NDScope scope = new NDScope();
                        GradientCollector gc = runtime.newGradientCollector()) {
                    TrainingModel pairs = new TrainingModel(network, params, tokenizer, m, gc);
                    return (double) d.objective().backward(d.batch(planned.rows()), pairs, scale);
                }
            });
        }
        return total / micro.size();
    }

    private void requireFinite(double loss, double norm) {
        if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
            throw new IllegalStateException("training diverged at step " + (state.globalStep + 1) + ": loss " + loss
                    + ", gradient norm " + norm + " (lower learning_rate, or keep max_grad_norm on)");
        }
    }

    private void advance(List<DataOrder.Planned> micro, double loss, double norm) {
        int rows = micro.stream().mapToInt(p -> p.rows().length).sum();
        state.globalStep++;
        state.samplesSeen += rows;
        state.lastLoss = loss;
        state.lastGradNorm = norm;
        state.lossSinceLog += loss;
        state.stepsSinceLog++;
        state.lossTotal += loss;
        state.batchInEpoch += micro.size();
        epochEnded = state.batchInEpoch == epochBatches.size();
        state.epoch = state.epochIndex + (double) state.batchInEpoch / epochBatches.size();
        if (epochEnded) {
            state.epochIndex++;
            state.batchInEpoch = 0;
            epochBatches = null;
        }
        state.lastLearningRate = schedule.learningRate(state.globalStep);
    }

    /** Restores a checkpoint's weights, optimizer and progress. */
    void resume(Path checkpoint) throws IOException {
        new CheckpointResume(this).resume(checkpoint);
        lastCheckpoint = checkpoint;
        lastCheckpointStep = state.globalStep;
    }

    @Override
    public TrainingArguments args() {
        return args;
    }

    @Override
    public TrainerState state() {
        return state;
    }

    @Override
    public CrossEncoder model() {
        return model;
    }

    @Override
    public boolean epochEnded() {
        return epochEnded;
    }

    @Override
    public boolean lastStep() {
        return state.globalStep >= state.maxSteps;
    }

    @Override
    public void log(Map<String, Object> values) {
        Map<String, Object> entry = new LinkedHashMap<>(values);
        entry.put("epoch", state.epoch);
        entry.put("step", state.globalStep);
        state.addLog(entry);
        Map<String, Object> logged = state.logHistory().get(state.logHistory().size() - 1);
        listeners.forEach(l -> l.onLog(this, logged));
    }

    @Override
    public Map<String, Double> evaluate() {
        return evaluation.evaluate();
    }

    @Override
    public Path saveCheckpoint() throws IOException {
        Path dir = checkpointWriter.save();
        lastCheckpoint = dir;
        lastCheckpointStep = state.globalStep;
        listeners.forEach(l -> l.onSave(this, dir));
        return dir;
    }

    @Override
    public void requestStop(String reason) {
        stop = true;
        stoppedEarly = true;
        org.slf4j.LoggerFactory.getLogger(TrainingRun.class).info("stopping at step {}: {}", state.globalStep, reason);
    }

    /** Wraps an I/O failure of a listener action. */
    static UncheckedIOException unchecked(String what, IOException e) {
        return new UncheckedIOException(what + ": " + e.getMessage(), e);
    }

    /** {@code v} rounded to {@code digits} decimals, as the logged runtimes and rates are. */
    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
