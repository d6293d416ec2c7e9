package dev.rerank4j.embed;

import dev.rerank4j.ProgressListener;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.StopSignal;
import java.util.Objects;

/**
 * How {@link EmbeddingModel#encode} runs, with sentence-transformers' defaults ({@link #defaults()}).
 *
 * @param batchSize texts per forward pass; texts are sorted by token count first so each batch pads little
 * @param prompt a prefix prepended to every text (e.g. {@code "query: "}); empty = none
 * @param normalization whether to scale the embeddings to unit length
 * @param progress whether progress is reported
 * @param listener where progress goes
 * @param stop polled between batches: a requested stop ends the call with a {@link
 *     dev.rerank4j.RunInterruptedException} (default: {@link StopSignal#never()})
 */
public record EncodeOptions(
        int batchSize,
        String prompt,
        Normalization normalization,
        ProgressMode progress,
        ProgressListener listener,
        StopSignal stop) {
    public EncodeOptions {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(stop, "stop");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
    }

    /** Batch 32, no prompt, the model's own normalisation, automatic progress to no listener (nothing shown). */
    public static EncodeOptions defaults() {
        return new EncodeOptions(
                32, "", Normalization.AS_MODEL, ProgressMode.AUTO, ProgressListener.NONE, StopSignal.never());
    }

    public EncodeOptions withBatchSize(int n) {
        return new EncodeOptions(n, prompt, normalization, progress, listener, stop);
    }

    public EncodeOptions withPrompt(String p) {
        return new EncodeOptions(batchSize, p, normalization, progress, listener, stop);
    }

    public EncodeOptions withNormalization(Normalization n) {
        return new EncodeOptions(batchSize, prompt, n, progress, listener, stop);
    }

    public EncodeOptions withProgress(ProgressMode mode) {
        return new EncodeOptions(batchSize, prompt, normalization, mode, listener, stop);
    }

    public EncodeOptions withListener(ProgressListener l) {
        return new EncodeOptions(batchSize, prompt, normalization, progress, l, stop);
    }

    /** Polls {@code signal} between batches (see {@link #stop()}). */
    public EncodeOptions withStop(StopSignal signal) {
        return new EncodeOptions(batchSize, prompt, normalization, progress, listener, signal);
    }
}
