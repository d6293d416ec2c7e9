package dev.rerank4j.embed;

import dev.rerank4j.ProgressListener;
import dev.rerank4j.ProgressMode;
import java.util.Objects;

/**
 * How {@link EmbeddingModel#encode} runs, with sentence-transformers' defaults ({@link #defaults()}).
 *
 * @param batchSize texts per forward pass; texts are sorted by token count first so each batch pads little
 * @param prompt a prefix prepended to every text (e.g. {@code "query: "}); empty = none
 * @param normalization whether to scale the embeddings to unit length
 * @param progress whether progress is reported
 * @param listener where progress goes
 */
public record EncodeOptions(
        int batchSize, String prompt, Normalization normalization, ProgressMode progress, ProgressListener listener) {
    public EncodeOptions {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(listener, "listener");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
    }

    /** Batch 32, no prompt, the model's own normalisation, automatic progress to no listener (nothing shown). */
    public static EncodeOptions defaults() {
        return new EncodeOptions(32, "", Normalization.AS_MODEL, ProgressMode.AUTO, ProgressListener.NONE);
    }

    public EncodeOptions withBatchSize(int n) {
        return new EncodeOptions(n, prompt, normalization, progress, listener);
    }

    public EncodeOptions withPrompt(String p) {
        return new EncodeOptions(batchSize, p, normalization, progress, listener);
    }

    public EncodeOptions withNormalization(Normalization n) {
        return new EncodeOptions(batchSize, prompt, n, progress, listener);
    }

    public EncodeOptions withProgress(ProgressMode mode) {
        return new EncodeOptions(batchSize, prompt, normalization, mode, listener);
    }

    public EncodeOptions withListener(ProgressListener l) {
        return new EncodeOptions(batchSize, prompt, normalization, progress, l);
    }
}
