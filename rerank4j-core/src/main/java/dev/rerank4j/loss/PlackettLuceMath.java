package dev.rerank4j.loss;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * ListMLE (Xia et al. 2008) and Position-Aware ListMLE (Lan et al. 2014) as sentence-transformers' {@code
 * PListMLELoss} computes them. For a target permutation {@code pi} of a query's n documents, {@code log p_r = s_pi(r)
 * - log(sum_{r' >= r} exp(s_pi(r')) + 1e-10)}; the per-query loss is {@code -sum_r w_r log p_r} with {@code w_r = 1}
 * (ListMLE) or the lambda weights normalised to sum 1 (plus 1e-10); the batch loss is the mean over queries. The
 * {@code + 1e-10} stays inside the logarithm as in the reference, evaluated without overflow. If every per-query
 * loss is exactly 0 the loss is a constant 0, as in the reference.
 */
final class PlackettLuceMath {
    private static final double EPS = 1e-10;
    private static final double LOG_EPS = Math.log(EPS);

    private PlackettLuceMath() {}

    /**
     * @param discount the lambda weights, or null for ListMLE
     */
    static LossValue compute(
            double[][] scores, double[][] labels, TargetOrder order, PListMLELambdaWeight.RankDiscount discount) {
        int b = scores.length;
        double total = 0;
        boolean anyNonZero = false;
        double[][] grad = new double[b][];
        for (int q = 0; q < b; q++) {
            int n = scores[q].length;
            int[] perm =
                    order == TargetOrder.INPUT_ORDER ? IntStream.range(0, n).toArray() : byLabel(labels[q]);
            double[] x = new double[n];
            for (int r = 0; r < n; r++) {
                x[r] = scores[q][perm[r]];
            }
            double[] w = weights(n, discount);
            // logDen[r] = log(sum_{r' >= r} exp(x_r') + eps)
            double[] logDen = new double[n];
            double suffix = Double.NEGATIVE_INFINITY;
            for (int r = n - 1; r >= 0; r--) {
                suffix = ListNetMath.logAddExp(suffix, x[r]);
                logDen[r] = ListNetMath.logAddExp(suffix, LOG_EPS);
            }
            double loss = 0;
            for (int r = 0; r < n; r++) {
                loss -= w[r] * (x[r] - logDen[r]);
            }
            anyNonZero |= loss != 0.0;
            total += loss;
            grad[q] = new double[n];
            for (int m = 0; m < n; m++) {
                // d/dx_m of sum_r w_r log(den_r): every r <= m has x_m in its denominator
                double sum = 0;
                for (int r = 0; r <= m; r++) {
                    sum += w[r] * Math.exp(x[m] - logDen[r]);
                }
                grad[q][perm[m]] = (sum - w[m]) / b;
            }
        }
        if (!anyNonZero) {
            return LossValue.zero(ListInputs.flatten(grad).length);
        }
        return new LossValue(total / b, ListInputs.flatten(grad));
    }

    /** The documents by label, highest first; equal labels keep their input order. */
    static int[] byLabel(double[] labels) {
        return IntStream.range(0, labels.length)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -labels[i]))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    private static double[] weights(int n, PListMLELambdaWeight.RankDiscount discount) {
        double[] w = new double[n];
        if (discount == null) {
            Arrays.fill(w, 1.0);
            return w;
        }
        double sum = 0;
        for (int r = 0; r < n; r++) {
            w[r] = discount.weight(r, n);
            sum += w[r];
        }
        for (int r = 0; r < n; r++) {
            w[r] /= sum + EPS;
        }
        return w;
    }
}
