package dev.rerank4j.testing;

import dev.rerank4j.io.Tensor;

/**
 * The operations of a transformer encoder in plain double precision, on one sequence at a time ({@code [seq][width]}
 * rows), written from the PyTorch definitions: {@code nn.Linear} ({@code x W^T + b}), {@code nn.LayerNorm} (biased
 * variance), {@code nn.functional.gelu} (exact, with erf), transformers' {@code NewGELUActivation} (tanh
 * approximation) and masked scaled dot-product attention.
 */
public final class HfReferenceMath {
    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

    private HfReferenceMath() {}

    /** Rows {@code ids} of an embedding table [vocab, width]. */
    public static double[][] embed(Tensor table, long[] ids) {
        int width = Math.toIntExact(table.dim(1));
        float[] w = table.values();
        double[][] out = new double[ids.length][width];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= table.dim(0)) {
                throw new IllegalArgumentException(
                        "id " + ids[i] + " is outside " + table.name() + " (" + table.dim(0) + " rows)");
            }
            int base = Math.toIntExact(ids[i] * width);
            for (int j = 0; j < width; j++) {
                out[i][j] = w[base + j];
            }
        }
        return out;
    }

    /** {@code x W^T + b} with {@code W} [out, in] and {@code b} [out]. */
    public static double[][] linear(double[][] x, Tensor weight, Tensor bias) {
        int out = Math.toIntExact(weight.dim(0));
        int in = Math.toIntExact(weight.dim(1));
        float[] w = weight.values();
        float[] b = bias.values();
        double[][] y = new double[x.length][out];
        for (int r = 0; r < x.length; r++) {
            if (x[r].length != in) {
                throw new IllegalArgumentException(weight.name() + " takes " + in + " inputs, got " + x[r].length);
            }
            for (int o = 0; o < out; o++) {
                double s = b[o];
                for (int i = 0; i < in; i++) {
                    s += x[r][i] * w[o * in + i];
                }
                y[r][o] = s;
            }
        }
        return y;
    }

    /** LayerNorm over each row: {@code (x - mean) / sqrt(var + eps) * gamma + beta}, var biased. */
    public static double[][] layerNorm(double[][] x, Tensor gamma, Tensor beta, double eps) {
        float[] g = gamma.values();
        float[] b = beta.values();
        double[][] y = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            int n = x[r].length;
            double mean = 0;
            for (double v : x[r]) {
                mean += v;
            }
            mean /= n;
            double var = 0;
            for (double v : x[r]) {
                var += (v - mean) * (v - mean);
            }
            var /= n;
            double inv = 1.0 / Math.sqrt(var + eps);
            y[r] = new double[n];
            for (int j = 0; j < n; j++) {
                y[r][j] = (x[r][j] - mean) * inv * g[j] + b[j];
            }
        }
        return y;
    }

    /** Element-wise sum, a new array. */
    public static double[][] add(double[][] a, double[][] b) {
        double[][] y = new double[a.length][];
        for (int r = 0; r < a.length; r++) {
            y[r] = new double[a[r].length];
            for (int j = 0; j < a[r].length; j++) {
                y[r][j] = a[r][j] + b[r][j];
            }
        }
        return y;
    }

    /** An activation applied element-wise, a new array. */
    public static double[][] apply(String activation, double[][] x) {
        double[][] y = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            y[r] = new double[x[r].length];
            for (int j = 0; j < x[r].length; j++) {
                y[r][j] = activation(activation, x[r][j]);
            }
        }
        return y;
    }

    /** An activation of transformers' {@code ACT2FN} by name. */
    public static double activation(String name, double x) {
        return switch (name) {
            case "gelu" -> 0.5 * x * (1.0 + erf(x / Math.sqrt(2.0)));
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" ->
                0.5 * x * (1.0 + Math.tanh(Math.sqrt(2.0 / Math.PI) * (x + 0.044715 * x * x * x)));
            case "relu" -> Math.max(0.0, x);
            case "silu", "swish" -> x / (1.0 + Math.exp(-x));
            case "tanh" -> Math.tanh(x);
            default -> throw new IllegalArgumentException("the reference has no activation \"" + name + "\"");
        };
    }

    /**
     * The error function to double precision: {@code erf(x) = 2/sqrt(pi) e^(-x^2) sum_n (2x^2)^n x / (2n+1)!!}, a
     * series of positive terms (no cancellation); {@code |erf(x)| = 1} to double precision beyond 6.
     */
    public static double erf(double x) {
        double ax = Math.abs(x);
        if (ax >= 6.0) {
            return Math.signum(x);
        }
        double twoX2 = 2.0 * ax * ax;
        double term = ax;
        double sum = ax;
        for (int n = 1; term > 1e-18 * sum; n++) {
            term *= twoX2 / (2 * n + 1);
            sum += term;
        }
        return Math.copySign(TWO_OVER_SQRT_PI * Math.exp(-ax * ax) * sum, x);
    }

    /**
     * Multi-head attention of projected {@code q, k, v} [seq][hidden]: per head {@code softmax(q k^T / sqrt(d))
     * v}, where keys with {@code mask[j] == 0} get zero weight (transformers adds the lowest float to their scores).
     */
    public static double[][] attention(double[][] q, double[][] k, double[][] v, long[] mask, int heads) {
        int len = q.length;
        int hidden = q[0].length;
        int d = hidden / heads;
        double scale = 1.0 / Math.sqrt(d);
        double[][] ctx = new double[len][hidden];
        double[] scores = new double[len];
        for (int h = 0; h < heads; h++) {
            int off = h * d;
            for (int i = 0; i < len; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < len; j++) {
                    if (mask[j] == 0) {
                        continue;
                    }
                    double s = 0;
                    for (int t = 0; t < d; t++) {
                        s += q[i][off + t] * k[j][off + t];
                    }
                    scores[j] = s * scale;
                    max = Math.max(max, scores[j]);
                }
                double total = 0;
                for (int j = 0; j < len; j++) {
                    scores[j] = mask[j] == 0 ? 0.0 : Math.exp(scores[j] - max);
                    total += scores[j];
                }
                for (int j = 0; j < len; j++) {
                    double p = scores[j] / total;
                    for (int t = 0; t < d; t++) {
                        ctx[i][off + t] += p * v[j][off + t];
                    }
                }
            }
        }
        return ctx;
    }
}
