package dev.rerank4j.loss;

/**
 * ADR-MSE (Schlatt et al., "Rank-DistiLLM", ECIR 2025) as sentence-transformers' {@code ADRMSELoss} computes it: the
 * approximate rank {@code 1 + sum_{j != i} sigmoid(alpha (s_j - s_i))} of each document is pulled towards its true
 * rank {@code #(labels > y_i) + (#(labels == y_i) + 1) / 2} (ties share their average rank, the count of equal labels
 * includes the document itself), each squared error discounted by {@code log2(true rank + 1)}; the loss is the mean
 * over every document of the batch (documents, not queries, are averaged).
 */
final class AdrMseMath {
    private AdrMseMath() {}

    static LossValue compute(double[][] scores, double[][] labels, double alpha) {
        double total = 0;
        int docs = 0;
        double[][] grad = new double[scores.length][];
        for (int q = 0; q < scores.length; q++) {
            double[] s = scores[q];
            double[] y = labels[q];
            int n = s.length;
            grad[q] = new double[n];
            for (int i = 0; i < n; i++) {
                int greater = 0;
                int equal = 0;
                double approx = 1;
                for (int j = 0; j < n; j++) {
                    if (y[j] > y[i]) {
                        greater++;
                    } else if (y[j] == y[i]) {
                        equal++;
                    }
                    if (j != i) {
                        approx += LambdaMath.sigmoid(alpha * (s[j] - s[i]));
                    }
                }
                double truth = greater + (equal + 1) / 2.0;
                double discount = Math.log(truth + 1) / Math.log(2);
                double err = truth - approx;
                total += err * err / discount;
                double dApprox = -2 * err / discount;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        double p = LambdaMath.sigmoid(alpha * (s[j] - s[i]));
                        double d = dApprox * alpha * p * (1 - p);
                        grad[q][j] += d;
                        grad[q][i] -= d;
                    }
                }
            }
            docs += n;
        }
        double[] flat = ListInputs.flatten(grad);
        for (int i = 0; i < flat.length; i++) {
            flat[i] /= docs;
        }
        return new LossValue(total / docs, flat);
    }
}
