package dev.rerank4j.model.nn;

/**
 * How an architecture with relative-position attention (DeBERTa-v2/v3) maps the distance {@code i - j} of query
 * {@code i} and key {@code j} to a row of its relative embeddings, for {@link Ops#relativeRows}: the log buckets of
 * transformers' {@code make_log_bucket_position} when {@link #positionBuckets()} is above 0, then {@code ±rel +
 * span} clamped to {@code [0, 2 span)}. An eager implementation reads the host-computed {@link #window}; a recorded
 * graph rebuilds the same indices from the run-time length.
 */
public interface RelativeBuckets {
    /** {@code att_span}: half the rows of the relative embeddings. */
    int attentionSpan();

    /** The log buckets ({@code position_buckets}); 0 or less for none. */
    int positionBuckets();

    /** {@code max_relative_positions}, the distance the last log bucket stands for. */
    int maxRelativePositions();

    /** The rows and gather indices a sequence of {@code length} tokens reaches. */
    Window window(int length);

    /**
     * The gather indices of one sequence length over the rows it reaches.
     *
     * <p>{@code c2p} and {@code p2c} are row-major [length x length], relative to {@link #first()}: the row of query
     * i, key j for the content-to-position term, and the row at key i, query j for the position-to-content term.
     */
    interface Window {
        /** The sequence length. */
        int length();

        /** Content-to-position rows, less {@link #first()}. */
        long[] c2p();

        /** Position-to-content rows, less {@link #first()}. */
        long[] p2c();

        /** The first relative-embedding row used. */
        int first();

        /** The number of rows used, from {@link #first()}. */
        int rows();
    }
}
