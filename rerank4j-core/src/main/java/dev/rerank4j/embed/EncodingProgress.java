package dev.rerank4j.embed;

import dev.rerank4j.ProgressListener;
import dev.rerank4j.tokenize.SortedBatches;

/** The progress task of one {@link EmbeddingModel#encode} call, as its options ask. */
final class EncodingProgress {
    /** {@link dev.rerank4j.ProgressMode#AUTO} reports work of at least this many batches. */
    static final int AUTO_MIN_BATCHES = 8;

    private EncodingProgress() {}

    /** An "Encoding" task over {@code texts} texts, or {@link ProgressListener.Task#NONE} when not reported. */
    static ProgressListener.Task start(EncodeOptions options, int texts) {
        ProgressListener listener = options.listener();
        return listener.reports(options.progress(), SortedBatches.batches(texts, options.batchSize()), AUTO_MIN_BATCHES)
                ? listener.start("Encoding", texts, "texts")
                : ProgressListener.Task.NONE;
    }
}
