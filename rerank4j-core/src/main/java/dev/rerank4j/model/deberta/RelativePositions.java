package dev.rerank4j.model.deberta;

import dev.rerank4j.model.nn.RelativeBuckets;

/**
 * The relative positions of a sequence as DeBERTa-v2 indexes its relative embeddings: transformers'
 * {@code build_relative_position} ({@code q - k}, log-bucketed by {@code make_log_bucket_position} when
 * {@code position_buckets > 0}) turned into the row indices the content-to-position and position-to-content terms
 * gather ({@code clamp(±rel + att_span, 0, 2 att_span - 1)}).
 *
 * <p>Only the rows a sequence of this length can reach are kept: {@code first} is the lowest row used and every index
 * is relative to it, so the position projections run over {@code rows} rows instead of all {@code 2 att_span} (the
 * gathered values, and so the scores and gradients, are the same).
 *
 * @param length the sequence length
 * @param c2p row-major [length x length]: the relative-embedding row (less {@code first}) of query i, key j for c2p
 * @param p2c row-major [length x length]: the row (less {@code first}) that p2c gathers at key i, query j, before
 *     transformers' final transpose
 * @param first the first relative-embedding row used
 * @param rows the number of rows used, from {@code first}
 */
record RelativePositions(int length, long[] c2p, long[] p2c, int first, int rows) implements RelativeBuckets.Window {
    /** The indices for a sequence of {@code length} tokens. */
    static RelativePositions of(int length, RelativeAttention r) {
        int span = r.attentionSpan();
        int[] c2pRows = new int[length * length];
        int[] p2cRows = new int[length * length];
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = 0; i < length; i++) {
            for (int j = 0; j < length; j++) {
                int rel = relativePosition(i, j, r);
                int c = clamp(rel + span, 2 * span - 1);
                int p = clamp(-rel + span, 2 * span - 1);
                c2pRows[i * length + j] = c;
                p2cRows[i * length + j] = p;
                min = Math.min(min, Math.min(c, p));
                max = Math.max(max, Math.max(c, p));
            }
        }
        long[] c2p = new long[c2pRows.length];
        long[] p2c = new long[p2cRows.length];
        for (int i = 0; i < c2p.length; i++) {
            c2p[i] = c2pRows[i] - min;
            p2c[i] = p2cRows[i] - min;
        }
        return new RelativePositions(length, c2p, p2c, min, max - min + 1);
    }

    /** The relative position of query {@code i} to key {@code j}: {@code i - j}, log-bucketed when configured. */
    static int relativePosition(int i, int j, RelativeAttention r) {
        int rel = i - j;
        return r.positionBuckets() > 0 ? logBucket(rel, r.positionBuckets(), r.maxRelativePositions()) : rel;
    }

    /**
     * {@code make_log_bucket_position}: distances below {@code bucketSize / 2} stay as they are; longer ones map to
     * {@code sign * (ceil(log(|rel| / mid) / log((max - 1) / mid) * (mid - 1)) + mid)}, in float32 as transformers
     * computes it.
     */
    static int logBucket(int rel, int bucketSize, int maxPosition) {
        int mid = bucketSize / 2;
        int abs = Math.abs(rel);
        if (abs <= mid) {
            return rel;
        }
        float ratio = (float) abs / (float) mid;
        float logRatio = (float) Math.log(ratio);
        float logMax = (float) Math.log((float) ((double) (maxPosition - 1) / mid));
        float scaled = logRatio / logMax * (float) (mid - 1);
        int bucket = (int) Math.ceil(scaled) + mid;
        return rel < 0 ? -bucket : bucket;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
