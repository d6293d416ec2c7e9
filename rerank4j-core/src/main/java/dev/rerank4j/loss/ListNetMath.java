package dev.rerank4j.loss;

/**
 * ListNet (Cao et al. 2007) as sentence-transformers' {@code ListNetLoss} computes it: per query the cross entropy
 * between the target distribution {@code softmax(labels)} and {@code softmax(scores)} over the query's documents
 * (padding takes no probability on either side), averaged over the queries. A one-document list contributes 0.
 */
final class ListNetMath {
    private ListNetMath() {}

    static LossValue compute(double[][] scores, double[][] labels) {
        int b = scores.length;
        double total = 0;
        double[][] grad = new double[b][];
        for (int q = 0; q < b; q++) {
            double[] target = softmax(labels[q]);
            double[] logP = logSoftmax(scores[q]);
            grad[q] = new double[logP.length];
            for (int i = 0; i < logP.length; i++) {
                total -= target[i] * logP[i];
                grad[q][i] = (Math.exp(logP[i]) - target[i]) / b;
            }
        }
        return new LossValue(total / b, ListInputs.flatten(grad));
    }

    static double[] softmax(double[] x) {
        double[] out = logSoftmax(x);
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.exp(out[i]);
        }
        return out;
    }

    static double[] logSoftmax(double[] x) {
        double lse = logSumExp(x, 0);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] - lse;
        }
        return out;
    }

    /** {@code log sum_{i >= from} exp(x_i)}, stable. */
    static double logSumExp(double[] x, int from) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < x.length; i++) {
            max = Math.max(max, x[i]);
        }
        double sum = 0;
        for (int i = from; i < x.length; i++) {
            sum += Math.exp(x[i] - max);
        }
        return max + Math.log(sum);
    }

    /** {@code log(exp(a) + exp(b))}, stable. */
    static double logAddExp(double a, double b) {
        double hi = Math.max(a, b);
        double lo = Math.min(a, b);
        return hi + Math.log1p(Math.exp(lo - hi));
    }
}
