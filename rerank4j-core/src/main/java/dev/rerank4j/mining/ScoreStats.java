package dev.rerank4j.mining;

import java.util.Arrays;

/**
 * Summary statistics of a set of scores, as the table {@code mine_hard_negatives} prints: {@code median} is torch's
 * (the lower middle value), quartiles interpolate linearly ({@code torch.quantile}), {@code std} is the sample
 * standard deviation. Empty sets give NaN.
 */
public record ScoreStats(
        int count, double mean, double median, double std, double min, double q25, double q50, double q75, double max) {

    /** The statistics of {@code values}. */
    public static ScoreStats of(float[] values) {
        int n = values.length;
        if (n == 0) {
            return new ScoreStats(
                    0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] v = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            v[i] = values[i];
            sum += v[i];
        }
        Arrays.sort(v);
        double mean = sum / n;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double std = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
        return new ScoreStats(
                n, mean, v[(n - 1) / 2], std, v[0], quantile(v, 0.25), quantile(v, 0.5), quantile(v, 0.75), v[n - 1]);
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
