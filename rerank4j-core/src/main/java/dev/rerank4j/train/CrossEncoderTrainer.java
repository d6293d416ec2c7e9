package dev.rerank4j.train;

import dev.rerank4j.ProgressListener;
import dev.rerank4j.StopSignal;
import dev.rerank4j.data.DataFormatException;
import dev.rerank4j.hub.HubOptions;
import dev.rerank4j.hub.HubUploader;
import dev.rerank4j.hub.UploadRequest;
import dev.rerank4j.hub.UploadResult;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.model.TrainingAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Fine-tunes a {@link CrossEncoder} in place, as sentence-transformers' {@code CrossEncoderTrainer}: batches from
 * one or more datasets, each with its loss; AdamW with weight decay, warmup and a schedule, global-norm clipping and
 * gradient accumulation; evaluation, checkpoints, early stopping, a progress bar, {@code metrics.jsonl}, a PNG plot
 * and a model card; exact resume from a checkpoint.
 *
 * <pre>{@code
 * TrainingArguments args = TrainingArguments.of(Map.of(
 *         "output_dir", "models/my-reranker", "num_train_epochs", 1, "learning_rate", 2e-5, "warmup_ratio", 0.1,
 *         "eval_strategy", "steps", "eval_steps", 100, "save_steps", 100));
 * try (CrossEncoder model = CrossEncoder.load("sentence-transformers/all-MiniLM-L6-v2")) {
 *     TrainingResult result = CrossEncoderTrainer.builder(model, args)
 *             .trainDataset(TrainingDataset.of("train", train, new BinaryCrossEntropyLoss()))
 *             .evalDataset(TrainingDataset.of("dev", dev, new BinaryCrossEntropyLoss()))
 *             .build()
 *             .train();
 * }
 * }</pre>
 *
 * <p>The output directory receives {@code checkpoint-N/} (each a loadable model plus optimizer and trainer state),
 * {@code final/} (and {@code best/} with {@code load_best_model_at_end}), {@code metrics.jsonl} and {@code
 * training.png}. After training the model holds the final weights, or the best ones with {@code
 * load_best_model_at_end}. With {@code push_to_hub} that model's folder is then uploaded to {@code hub_model_id}
 * ({@link Builder#hubOptions}).
 */
public final class CrossEncoderTrainer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CrossEncoderTrainer.class);
    /** sentence-transformers' commit message for {@code push_to_hub}. */
    static final String PUSH_COMMIT_MESSAGE = "Add new CrossEncoder model";

    private final CrossEncoder model;
    private final TrainingArguments args;
    private final List<TrainingDataset> trainDatasets;
    private final List<TrainingDataset> evalDatasets;
    private final List<TrainingEvaluation> evaluations;
    private final List<TrainerListener> listeners;
    private final Checkpoints.Contents checkpointHook;
    private final StopSignal stopSignal;
    private final ProgressListener progress;
    private final HubOptions hubOptions;

    private CrossEncoderTrainer(Builder b) {
        this.model = b.model;
        this.args = b.args;
        this.trainDatasets = List.copyOf(b.train);
        this.evalDatasets = List.copyOf(b.eval);
        this.evaluations = List.copyOf(b.evaluations);
        this.listeners = List.copyOf(b.listeners);
        this.checkpointHook = b.checkpointHook;
        this.stopSignal = b.stopSignal;
        this.progress = b.progress;
        this.hubOptions = b.hubOptions;
    }

    /** Starts a trainer for a model and its arguments. */
    public static Builder builder(CrossEncoder model, TrainingArguments args) {
        return new Builder(model, args);
    }

    /**
     * Trains: checks every dataset against its loss (failing with file:line on a bad row before any step), resumes
     * when asked, runs the loop and saves the final model.
     *
     * @throws DataFormatException naming file, line and columns for a bad row
     * @throws IllegalArgumentException for datasets or arguments that do not fit together
     * @throws TrainingInterruptedException when the {@link Builder#stopSignal stop signal} asked to stop: training
     *     ends between two steps, after writing a checkpoint of the current step (unless {@code save_strategy} is
     *     {@code no}, or no step was done), and the exception names it
     */
    public TrainingResult train() throws IOException {
        int labels = model.numLabels();
        List<PreparedDataset> train = new ArrayList<>();
        for (TrainingDataset d : trainDatasets) {
            train.add(PreparedDataset.prepare(d, labels));
        }
        List<PreparedDataset> eval = new ArrayList<>();
        for (TrainingDataset d : evalDatasets) {
            eval.add(PreparedDataset.prepare(d, labels));
        }
        Optional<Path> resume = resumeCheckpoint();
        Files.createDirectories(args.outputDir());
        Checkpoints checkpoints = new Checkpoints(args.outputDir());
        checkpoints.removeLeftovers();
        if (resume.isEmpty() && !checkpoints.list().isEmpty()) {
            LOG.warn(
                    "{} already holds checkpoints of an earlier run; they stay, and count in save_total_limit (resume"
                            + " with resume_from_checkpoint: true, or use another output_dir)",
                    args.outputDir());
        }
        TrainingAccess.parameters(model).all().values().forEach(p -> p.setRequiresGradient(true));
        TrainingRun run = new TrainingRun(this, train, eval);
        TrainingResult result;
        try {
            if (resume.isPresent()) {
                run.resume(resume.get());
            }
            result = run.run();
        } finally {
            run.optimizer.close();
            // back to an inference model: a predict call on a thread whose autograd mode is on (libtorch's default
            // on threads the engine did not start) would otherwise record a graph for every batch
            TrainingAccess.parameters(model).all().values().forEach(p -> p.setRequiresGradient(false));
        }
        if (args.pushToHub()) {
            push(result);
        }
        return result;
    }

    /** {@code push_to_hub}: uploads the model training ended with (the best one with load_best_model_at_end). */
    private void push(TrainingResult result) {
        Path folder = result.bestModel();
        HubUploader uploader =
                new HubUploader(hubOptions != null ? hubOptions : HubOptions.fromEnvironment(), progress);
        UploadResult pushed = uploader.upload(UploadRequest.of(folder, args.hubModelId())
                .withVisibility(args.hubPrivateRepo())
                .withCommitMessage(PUSH_COMMIT_MESSAGE));
        if (pushed.changed()) {
            LOG.info("pushed {} to {}: {}", folder, args.hubModelId(), pushed.commitUrl());
        } else {
            LOG.info("{} already holds {} as it is: nothing pushed", args.hubModelId(), folder);
        }
    }

    private Optional<Path> resumeCheckpoint() throws IOException {
        String r = args.resumeFromCheckpoint();
        if (r.isEmpty()) {
            return Optional.empty();
        }
        if (r.equalsIgnoreCase("true") || r.equalsIgnoreCase("last")) {
            Optional<Path> latest = new Checkpoints(args.outputDir()).latest();
            if (latest.isEmpty()) {
                throw new IllegalArgumentException("resume_from_checkpoint " + r + ": no checkpoint-N directory in "
                        + args.outputDir() + " to resume from");
            }
            return latest;
        }
        Path p = Path.of(r);
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException("resume_from_checkpoint " + r + " is not a directory");
        }
        return Optional.of(p);
    }

    CrossEncoder model() {
        return model;
    }

    TrainingArguments args() {
        return args;
    }

    List<TrainingEvaluation> evaluations() {
        return evaluations;
    }

    Checkpoints.Contents checkpointHook() {
        return checkpointHook;
    }

    StopSignal stopSignal() {
        return stopSignal;
    }

    /** The built-in listeners in their order (metrics file, logging, evaluation, early stopping, checkpoints, plot, progress), then the user's. */
    List<TrainerListener> allListeners() {
        List<TrainerListener> all = new ArrayList<>();
        all.add(new MetricsFileListener());
        all.add(new LoggingListener());
        all.add(new EvaluationListener());
        all.add(new EarlyStoppingListener());
        all.add(new CheckpointListener());
        all.add(new PlotListener());
        if (!args.disableTqdm()) {
            all.add(new ProgressBarListener(progress));
        }
        all.addAll(listeners);
        return all;
    }

    /** Collects the datasets, evaluations and listeners of a trainer. */
    public static final class Builder {
        private final CrossEncoder model;
        private final TrainingArguments args;
        private final List<TrainingDataset> train = new ArrayList<>();
        private final List<TrainingDataset> eval = new ArrayList<>();
        private final List<TrainingEvaluation> evaluations = new ArrayList<>();
        private final List<TrainerListener> listeners = new ArrayList<>();
        private Checkpoints.Contents checkpointHook = dir -> {};
        private StopSignal stopSignal = StopSignal.never();
        private ProgressListener progress = ProgressListener.NONE;
        private HubOptions hubOptions;

        private Builder(CrossEncoder model, TrainingArguments args) {
            this.model = Objects.requireNonNull(model, "model");
            this.args = Objects.requireNonNull(args, "args");
        }

        /** Adds a training dataset with its loss (several: one batch comes from one dataset). */
        public Builder trainDataset(TrainingDataset d) {
            train.add(Objects.requireNonNull(d, "trainDataset"));
            return this;
        }

        /** Adds an evaluation dataset: its loss is reported as {@code eval_loss} (or {@code eval_{name}_loss}). */
        public Builder evalDataset(TrainingDataset d) {
            eval.add(Objects.requireNonNull(d, "evalDataset"));
            return this;
        }

        /** Adds an evaluation run with the loss at every evaluation (e.g. a reranking evaluator). */
        public Builder evaluation(TrainingEvaluation e) {
            evaluations.add(Objects.requireNonNull(e, "evaluation"));
            return this;
        }

        /**
         * Adds an evaluator of the {@code eval} package (reranking, classification, correlation, BEIR), run at every
         * evaluation; its metrics are logged as {@code eval_{name}_{metric}}.
         */
        public Builder evaluator(dev.rerank4j.eval.Evaluator e) {
            return evaluation(TrainingEvaluation.of(e));
        }

        /**
         * Where the training's progress goes (steps of the total, with the loss, learning rate and throughput as
         * status) unless {@code disable_tqdm}; default {@link ProgressListener#NONE}.
         */
        public Builder progress(ProgressListener listener) {
            this.progress = Objects.requireNonNull(listener, "progress");
            return this;
        }

        /** Adds a listener, called after the built-in ones. */
        public Builder listener(TrainerListener l) {
            listeners.add(Objects.requireNonNull(l, "listener"));
            return this;
        }

        /**
         * Polled between training steps and between evaluation batches: once it asks to stop, training writes a
         * checkpoint of the current step and ends with a {@link TrainingInterruptedException}.
         */
        public Builder stopSignal(StopSignal signal) {
            this.stopSignal = Objects.requireNonNull(signal, "stopSignal");
            return this;
        }

        /**
         * Where {@code push_to_hub} uploads to (endpoint, token, retries); default {@link
         * HubOptions#fromEnvironment()}. The upload reports to this trainer's {@link #progress progress listener}.
         */
        public Builder hubOptions(HubOptions options) {
            this.hubOptions = Objects.requireNonNull(options, "hubOptions");
            return this;
        }

        /** Test seam: runs while a checkpoint is half written (after the model, before the optimizer state). */
        Builder checkpointHook(Checkpoints.Contents hook) {
            this.checkpointHook = hook;
            return this;
        }

        /**
         * The trainer.
         *
         * @throws IllegalArgumentException without training data, with evaluation but nothing to evaluate on, or with
         *     two datasets of one name
         */
        public CrossEncoderTrainer build() {
            if (train.isEmpty()) {
                throw new IllegalArgumentException("no training dataset: add one with trainDataset(...)");
            }
            if (args.evalStrategy() != IntervalStrategy.NO && eval.isEmpty() && evaluations.isEmpty()) {
                throw new IllegalArgumentException("eval_strategy " + ArgumentTable.name(args.evalStrategy())
                        + " needs an evaluation dataset or an evaluation; add one, or set eval_strategy to no");
            }
            for (List<TrainingDataset> group : List.of(train, eval)) {
                Set<String> names = new HashSet<>();
                for (TrainingDataset d : group) {
                    if (!names.add(d.name())) {
                        throw new IllegalArgumentException(
                                "two datasets are named \"" + d.name() + "\"; names must" + " be distinct");
                    }
                }
            }
            return new CrossEncoderTrainer(this);
        }
    }
}
