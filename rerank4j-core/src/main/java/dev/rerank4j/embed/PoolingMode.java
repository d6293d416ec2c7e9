package dev.rerank4j.embed;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a sentence-transformers {@code Pooling} module turns token states into one vector; each mode is computed exactly
 * as {@code Pooling._forward_padded} does it (right padding).
 */
public enum PoolingMode {
    /** The state of the first real token ({@code [CLS]}). */
    CLS("cls", "pooling_mode_cls_token") {
        @Override
        void pool(float[] h, long[] mask, int row, int seq, int dim, float[] out, int at) {
            int first = 0;
            for (int s = 0; s < seq; s++) {
                if (mask[row * seq + s] != 0) {
                    first = s;
                    break;
                }
            }
            System.arraycopy(h, (row * seq + first) * dim, out, at, dim);
        }
    },
    /** The element-wise maximum over real tokens ({@code -inf} when there are none). */
    MAX("max", "pooling_mode_max_tokens") {
        @Override
        void pool(float[] h, long[] mask, int row, int seq, int dim, float[] out, int at) {
            Arrays.fill(out, at, at + dim, Float.NEGATIVE_INFINITY);
            for (int s = 0; s < seq; s++) {
                if (mask[row * seq + s] == 0) {
                    continue;
                }
                int off = (row * seq + s) * dim;
                for (int d = 0; d < dim; d++) {
                    out[at + d] = Math.max(out[at + d], h[off + d]);
                }
            }
        }
    },
    /** The mean over real tokens: sum / max(count, 1e-9). */
    MEAN("mean", "pooling_mode_mean_tokens") {
        @Override
        void pool(float[] h, long[] mask, int row, int seq, int dim, float[] out, int at) {
            double count = weightedSum(h, mask, row, seq, dim, out, at, false);
            scale(out, at, dim, 1 / Math.max(count, 1e-9));
        }
    },
    /** The sum over real tokens divided by the square root of their count. */
    MEAN_SQRT_LEN_TOKENS("mean_sqrt_len_tokens", "pooling_mode_mean_sqrt_len_tokens") {
        @Override
        void pool(float[] h, long[] mask, int row, int seq, int dim, float[] out, int at) {
            double count = weightedSum(h, mask, row, seq, dim, out, at, false);
            scale(out, at, dim, 1 / Math.sqrt(Math.max(count, 1e-9)));
        }
    },
    /** A mean weighted by position (1, 2, 3, ...), for causal models (SGPT). */
    WEIGHTED_MEAN("weightedmean", "pooling_mode_weightedmean_tokens") {
        @Override
        void pool(float[] h, long[] mask, int row, int seq, int dim, float[] out, int at) {
            double weights = weightedSum(h, mask, row, seq, dim, out, at, true);
            scale(out, at, dim, 1 / Math.max(weights, 1e-9));
        }
    },
    /** The state of the last real token. */
    LAST_TOKEN("lasttoken", "pooling_mode_lasttoken") {
        @Override
        void pool(float[] h, long[] mask, int row, int seq, int dim, float[] out, int at) {
            int last = -1;
            for (int s = seq - 1; s >= 0; s--) {
                if (mask[row * seq + s] != 0) {
                    last = s;
                    break;
                }
            }
            if (last < 0) { // no real token: transformers' gather of a masked (zeroed) state
                Arrays.fill(out, at, at + dim, 0f);
            } else {
                System.arraycopy(h, (row * seq + last) * dim, out, at, dim);
            }
        }
    };

    private final String configName;
    private final String legacyKey;

    PoolingMode(String configName, String legacyKey) {
        this.configName = configName;
        this.legacyKey = legacyKey;
    }

    /**
     * Pools one row of a padded batch.
     *
     * @param h hidden states {@code [batch, seq, dim]} row-major
     * @param mask the attention mask {@code [batch, seq]} (prompt tokens already zeroed when excluded)
     * @param out where the {@code dim} pooled values go, starting at {@code at}
     */
    abstract void pool(float[] h, long[] mask, int row, int seq, int dim, float[] out, int at);

    /** The name in {@code 1_Pooling/config.json}'s {@code pooling_mode} (sentence-transformers v6). */
    public String configName() {
        return configName;
    }

    /** The boolean key of older {@code 1_Pooling/config.json} files, e.g. {@code pooling_mode_mean_tokens}. */
    public String legacyKey() {
        return legacyKey;
    }

    /** The mode with this {@code pooling_mode} name. */
    public static Optional<PoolingMode> fromConfigName(String name) {
        return Arrays.stream(values()).filter(m -> m.configName.equals(name)).findFirst();
    }

    /** Sums the real tokens' states (times their 1-based position if {@code positional}); returns the weight sum. */
    private static double weightedSum(
            float[] h, long[] mask, int row, int seq, int dim, float[] out, int at, boolean positional) {
        double[] sum = new double[dim];
        double weights = 0;
        for (int s = 0; s < seq; s++) {
            if (mask[row * seq + s] == 0) {
                continue;
            }
            double w = positional ? s + 1 : 1;
            weights += w;
            int off = (row * seq + s) * dim;
            for (int d = 0; d < dim; d++) {
                sum[d] += w * h[off + d];
            }
        }
        for (int d = 0; d < dim; d++) {
            out[at + d] = (float) sum[d];
        }
        return weights;
    }

    private static void scale(float[] out, int at, int dim, double factor) {
        for (int d = 0; d < dim; d++) {
            out[at + d] = (float) (out[at + d] * factor);
        }
    }
}
