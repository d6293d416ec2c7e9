package dev.rerank4j.eval;

import java.util.Arrays;

/**
 * Pearson and Spearman correlation as scipy computes them ({@code scipy.stats.pearsonr}, {@code spearmanr}: the
 * Pearson correlation of tie-averaged ranks). NaN when either input is constant.
 */
public final class Correlations {
    private Correlations() {}

    /** Pearson's r of {@code x} and {@code y}, clipped to [-1, 1]. */
    public static double pearson(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException(
                    "x and y need the same length >= 2, got " + x.length + " and " + y.length);
        }
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double nx = 0;
        double ny = 0;
        for (int i = 0; i < x.length; i++) {
            nx += (x[i] - mx) * (x[i] - mx);
            ny += (y[i] - my) * (y[i] - my);
        }
        nx = Math.sqrt(nx);
        ny = Math.sqrt(ny);
        if (nx == 0 || ny == 0) {
            return Double.NaN;
        }
        double r = 0;
        for (int i = 0; i < x.length; i++) {
            r += (x[i] - mx) / nx * ((y[i] - my) / ny);
        }
        return Math.max(-1, Math.min(1, r));
    }

    /** Spearman's rho: Pearson's r of the tie-averaged ranks. */
    public static double spearman(double[] x, double[] y) {
        return pearson(averageRanks(x), averageRanks(y));
    }

    /** 1-based ranks, ties sharing their average rank ({@code scipy.stats.rankdata(method="average")}). */
    public static double[] averageRanks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a] + 0.0, values[b] + 0.0));
        double[] ranks = new double[values.length];
        int start = 0;
        while (start < order.length) {
            int end = start + 1;
            while (end < order.length && values[order[end]] == values[order[start]]) {
                end++;
            }
            double rank = (start + 1 + end) / 2.0;
            for (int i = start; i < end; i++) {
                ranks[order[i]] = rank;
            }
            start = end;
        }
        return ranks;
    }
}
