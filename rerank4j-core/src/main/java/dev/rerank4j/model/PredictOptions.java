package dev.rerank4j.model;

import dev.rerank4j.StopSignal;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link CrossEncoder#predict} scores, with sentence-transformers' defaults ({@link #defaults()}).
 *
 * @param batchSize pairs per forward pass; inputs are sorted by length first so each batch pads little
 * @param activation overrides the model's activation for this call; empty = the model's
 * @param applySoftmax apply a softmax over the labels after the activation (only with more than one label)
 * @param progress whether to show a progress bar
 * @param stop polled between batches: a requested stop ends the call with a {@link
 *     dev.rerank4j.RunInterruptedException} (default: {@link StopSignal#never()})
 */
public record PredictOptions(
        int batchSize, Optional<Activation> activation, boolean applySoftmax, ProgressMode progress, StopSignal stop) {
    public PredictOptions {
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(stop, "stop");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
    }

    /** Batch 32, the model's activation, no softmax, automatic progress bar. */
    public static PredictOptions defaults() {
        return new PredictOptions(32, Optional.empty(), false, ProgressMode.AUTO, StopSignal.never());
    }

    public PredictOptions withBatchSize(int n) {
        return new PredictOptions(n, activation, applySoftmax, progress, stop);
    }

    public PredictOptions withActivation(Activation a) {
        return new PredictOptions(batchSize, Optional.of(a), applySoftmax, progress, stop);
    }

    public PredictOptions withSoftmax(boolean on) {
        return new PredictOptions(batchSize, activation, on, progress, stop);
    }

    public PredictOptions withProgress(ProgressMode mode) {
        return new PredictOptions(batchSize, activation, applySoftmax, mode, stop);
    }

    /** Polls {@code signal} between batches (see {@link #stop()}). */
    public PredictOptions withStop(StopSignal signal) {
        return new PredictOptions(batchSize, activation, applySoftmax, progress, signal);
    }
}
