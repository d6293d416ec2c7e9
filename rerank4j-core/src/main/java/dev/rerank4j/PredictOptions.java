package dev.rerank4j;

import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Reranker} scores, with sentence-transformers' defaults ({@link #defaults()}). Immutable; change a
 * setting with the {@code with*} methods.
 */
public final class PredictOptions {
    private final int batchSize;
    private final Activation activation;
    private final boolean applySoftmax;
    private final ProgressMode progress;
    private final ProgressListener listener;
    private final StopSignal stop;
    private final String prompt;
    private final String promptName;
    private final TruncationSide truncationSide;

    private PredictOptions(
            int batchSize,
            Activation activation,
            boolean applySoftmax,
            ProgressMode progress,
            ProgressListener listener,
            StopSignal stop,
            String prompt,
            String promptName,
            TruncationSide truncationSide) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.activation = activation;
        this.applySoftmax = applySoftmax;
        this.progress = Objects.requireNonNull(progress, "progress");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.stop = Objects.requireNonNull(stop, "stop");
        this.prompt = prompt;
        this.promptName = promptName;
        this.truncationSide = Objects.requireNonNull(truncationSide, "truncationSide");
    }

    /** Batch 32, the model's activation, no softmax, automatic progress to no listener (nothing shown). */
    public static PredictOptions defaults() {
        return new PredictOptions(
                32,
                null,
                false,
                ProgressMode.AUTO,
                ProgressListener.NONE,
                StopSignal.never(),
                null,
                null,
                TruncationSide.RIGHT);
    }

    /** Pairs per forward pass; inputs are sorted by length first so each batch pads little. */
    public int batchSize() {
        return batchSize;
    }

    /** The activation for this call; empty = the model's. */
    public Optional<Activation> activation() {
        return Optional.ofNullable(activation);
    }

    /** Whether a softmax over the labels follows the activation (only with more than one label). */
    public boolean applySoftmax() {
        return applySoftmax;
    }

    /** Whether progress is reported. */
    public ProgressMode progress() {
        return progress;
    }

    /** Where progress goes. */
    public ProgressListener listener() {
        return listener;
    }

    public PredictOptions withBatchSize(int n) {
        return new PredictOptions(
                n, activation, applySoftmax, progress, listener, stop, prompt, promptName, truncationSide);
    }

    public PredictOptions withActivation(Activation a) {
        return new PredictOptions(
                batchSize,
                Objects.requireNonNull(a, "activation"),
                applySoftmax,
                progress,
                listener,
                stop,
                prompt,
                promptName,
                truncationSide);
    }

    /** The model's own activation again. */
    public PredictOptions withModelActivation() {
        return new PredictOptions(
                batchSize, null, applySoftmax, progress, listener, stop, prompt, promptName, truncationSide);
    }

    public PredictOptions withSoftmax(boolean on) {
        return new PredictOptions(
                batchSize, activation, on, progress, listener, stop, prompt, promptName, truncationSide);
    }

    public PredictOptions withProgress(ProgressMode mode) {
        return new PredictOptions(
                batchSize, activation, applySoftmax, mode, listener, stop, prompt, promptName, truncationSide);
    }

    public PredictOptions withListener(ProgressListener l) {
        return new PredictOptions(
                batchSize, activation, applySoftmax, progress, l, stop, prompt, promptName, truncationSide);
    }

    /** Polled between batches: a requested stop ends the call with a {@link RunInterruptedException}. */
    public StopSignal stop() {
        return stop;
    }

    /** Polls {@code signal} between batches (see {@link #stop()}). */
    public PredictOptions withStop(StopSignal signal) {
        return new PredictOptions(
                batchSize, activation, applySoftmax, progress, listener, signal, prompt, promptName, truncationSide);
    }

    /**
     * The prompt of this call, as sentence-transformers' {@code predict(prompt=...)}: a causal-LM reranker's
     * instruction (its chat template's system message), or text prepended to each query of another model. Empty: the
     * model's default prompt, if it has one.
     */
    public Optional<String> prompt() {
        return Optional.ofNullable(prompt);
    }

    /** The name of one of the model's saved prompts to use, as {@code predict(prompt_name=...)}; see {@link #prompt()}. */
    public Optional<String> promptName() {
        return Optional.ofNullable(promptName);
    }

    /** Uses {@code text} as this call's prompt (an instruction for a causal-LM reranker); overrides a prompt name. */
    public PredictOptions withPrompt(String text) {
        return new PredictOptions(
                batchSize,
                activation,
                applySoftmax,
                progress,
                listener,
                stop,
                Objects.requireNonNull(text, "prompt"),
                null,
                truncationSide);
    }

    /** Uses the model's saved prompt of this name (config_sentence_transformers.json {@code prompts}). */
    public PredictOptions withPromptName(String name) {
        return new PredictOptions(
                batchSize,
                activation,
                applySoftmax,
                progress,
                listener,
                stop,
                null,
                Objects.requireNonNull(name, "promptName"),
                truncationSide);
    }

    /** Which end of an over-long pair's segments truncation cuts; {@link TruncationSide#RIGHT} by default. */
    public TruncationSide truncationSide() {
        return truncationSide;
    }

    /** Cuts over-long pairs on the given side (how many tokens each segment keeps does not change). */
    public PredictOptions withTruncationSide(TruncationSide side) {
        return new PredictOptions(
                batchSize, activation, applySoftmax, progress, listener, stop, prompt, promptName, side);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PredictOptions p
                && p.batchSize == batchSize
                && p.activation == activation
                && p.applySoftmax == applySoftmax
                && p.progress == progress
                && p.listener == listener
                && p.stop == stop
                && Objects.equals(p.prompt, prompt)
                && Objects.equals(p.promptName, promptName)
                && p.truncationSide == truncationSide;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                batchSize, activation, applySoftmax, progress, listener, stop, prompt, promptName, truncationSide);
    }

    @Override
    public String toString() {
        return "PredictOptions[batchSize=" + batchSize + ", activation=" + (activation == null ? "model" : activation)
                + ", applySoftmax=" + applySoftmax + ", progress=" + progress + ", truncationSide=" + truncationSide
                + "]";
    }
}
