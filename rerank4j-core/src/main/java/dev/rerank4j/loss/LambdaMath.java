package dev.rerank4j.loss;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The LambdaLoss framework (Wang et al., CIKM 2018) as sentence-transformers' {@code LambdaLoss} computes it.
 *
 * <p>Each query's documents are put in predicted order (score descending); position p (0-based) has discount {@code
 * D_p = log2(2 + p)} and a document of label y the gain {@code G = (2^max(y,0) - 1) / max(maxDCG@k, eps)}, where
 * maxDCG@k sums the ideal order's gains over the first k positions. A pair (i, j) of positions, both below k, counts
 * when {@code label_i > label_j} (every pair for {@link WeightingScheme#keepsAllPairs()}); it contributes {@code
 * -log_b(max(max(sigmoid(sigma (s_i - s_j)), eps)^w_ij, eps))}, and the loss is the mean over every counted pair of
 * the batch (pairs, not queries, are averaged). Either clamp saturates: such a pair adds {@code -log_b} of the
 * clamped value and no gradient. Score differences are clamped to +-1e8 as in the reference.
 *
 * <p>When no pair counts (every list's labels tied, or single documents), the reference returns NaN with a zero
 * gradient; this returns 0 with a zero gradient so that such a batch does not stop training.
 */
final class LambdaMath {
    private static final double MAX_DIFF = 1e8;

    private LambdaMath() {}

    record Settings(WeightingScheme scheme, int k, double sigma, double eps, ReductionLog log) {}

    /**
     * @param k the cut-off, or {@code Integer.MAX_VALUE} for every document
     */
    static LossValue compute(double[][] scores, double[][] labels, Settings s) {
        int maxDocs = Arrays.stream(scores).mapToInt(r -> r.length).max().orElse(0);
        int k = Math.min(s.k(), maxDocs);
        double[] discount = new double[maxDocs];
        for (int p = 0; p < maxDocs; p++) {
            discount[p] = Math.log(2.0 + p) / Math.log(2);
        }
        double lnEps = Math.log(s.eps());
        double total = 0;
        long pairs = 0;
        double[][] grad = new double[scores.length][];
        for (int q = 0; q < scores.length; q++) {
            int n = scores[q].length;
            grad[q] = new double[n];
            int[] order = predictedOrder(scores[q]);
            double[] y = new double[n];
            double[] x = new double[n];
            for (int p = 0; p < n; p++) {
                y[p] = labels[q][order[p]];
                x[p] = scores[q][order[p]];
            }
            double[] gain = gains(y, labels[q], k, discount, s.eps());
            int top = Math.min(k, n);
            for (int i = 0; i < top; i++) {
                for (int j = 0; j < top; j++) {
                    if (!(s.scheme().keepsAllPairs() || y[i] > y[j])) {
                        continue;
                    }
                    pairs++;
                    double w = s.scheme().weight(i, j, gain, discount);
                    double diff = x[i] - x[j];
                    double clamped = Math.max(-MAX_DIFF, Math.min(MAX_DIFF, diff));
                    double z = s.sigma() * clamped;
                    double logP = -softplus(-z);
                    double logQ; // log of the clamped, weighted probability
                    double dLogQ; // its derivative by the score difference
                    if (logP < lnEps) {
                        logQ = Math.max(w * lnEps, lnEps);
                        dLogQ = 0;
                    } else if (w * logP < lnEps) {
                        logQ = lnEps;
                        dLogQ = 0;
                    } else {
                        logQ = w * logP;
                        dLogQ = i == j || Math.abs(diff) > MAX_DIFF ? 0 : w * s.sigma() * sigmoid(-z);
                    }
                    total -= logQ / s.log().lnBase();
                    grad[q][order[i]] -= dLogQ / s.log().lnBase();
                    grad[q][order[j]] += dLogQ / s.log().lnBase();
                }
            }
        }
        double[] flat = ListInputs.flatten(grad);
        if (pairs == 0) {
            return LossValue.zero(flat.length);
        }
        for (int i = 0; i < flat.length; i++) {
            flat[i] /= pairs;
        }
        return new LossValue(total / pairs, flat);
    }

    /** Positions by score, highest first (equal scores keep their input order). */
    static int[] predictedOrder(double[] scores) {
        return IntStream.range(0, scores.length)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** The gains of the labels in predicted order, normalised by the ideal DCG over the first k positions. */
    private static double[] gains(double[] inOrder, double[] labels, int k, double[] discount, double eps) {
        double[] ideal = labels.clone();
        Arrays.sort(ideal);
        double maxDcg = 0;
        for (int p = 0; p < Math.min(k, ideal.length); p++) {
            maxDcg += (Math.pow(2, Math.max(0, ideal[ideal.length - 1 - p])) - 1) / discount[p];
        }
        maxDcg = Math.max(maxDcg, eps);
        double[] gain = new double[inOrder.length];
        for (int p = 0; p < gain.length; p++) {
            gain[p] = (Math.pow(2, Math.max(0, inOrder[p])) - 1) / maxDcg;
        }
        return gain;
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** {@code log(1 + exp(z))}, stable. */
    static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }
}
