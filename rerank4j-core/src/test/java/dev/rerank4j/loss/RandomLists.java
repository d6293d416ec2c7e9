package dev.rerank4j.loss;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Random batches of ranked lists for property and finite-difference tests: scores well apart, graded labels. */
final class RandomLists {
    final double[][] scores;
    final double[][] labels;

    private RandomLists(double[][] scores, double[][] labels) {
        this.scores = scores;
        this.labels = labels;
    }

    /** Up to {@code maxLists} lists of 1..{@code maxLength} documents; scores in [-4, 4] at least 0.01 apart. */
    static RandomLists draw(SplittableRandom r, int maxLists, int maxLength, boolean graded) {
        int b = 1 + r.nextInt(maxLists);
        double[][] s = new double[b][];
        double[][] y = new double[b][];
        for (int q = 0; q < b; q++) {
            int n = 1 + r.nextInt(maxLength);
            s[q] = new double[n];
            y[q] = new double[n];
            // distinct scores: a shuffled grid with jitter, so no two are within 0.01
            int[] slots = shuffled(r, 800);
            for (int i = 0; i < n; i++) {
                s[q][i] = -4 + slots[i] * 0.01 + r.nextDouble() * 0.001;
                y[q][i] = graded ? r.nextInt(4) : Math.round(r.nextDouble() * 1000) / 1000.0;
            }
        }
        return new RandomLists(s, y);
    }

    /** The same score multiset per list, assigned so that the ranking by score is the target ranking. */
    RandomLists perfect(TargetOrder order) {
        double[][] s = new double[scores.length][];
        for (int q = 0; q < scores.length; q++) {
            int[] target = order == TargetOrder.INPUT_ORDER
                    ? IntStream.range(0, scores[q].length).toArray()
                    : PlackettLuceMath.byLabel(labels[q]);
            double[] sorted = scores[q].clone();
            java.util.Arrays.sort(sorted);
            s[q] = new double[sorted.length];
            for (int r = 0; r < target.length; r++) {
                s[q][target[r]] = sorted[sorted.length - 1 - r];
            }
        }
        return new RandomLists(s, labels);
    }

    /** The same scores, shuffled within each list. */
    RandomLists shuffledScores(SplittableRandom r) {
        double[][] s = new double[scores.length][];
        for (int q = 0; q < scores.length; q++) {
            int[] p = shuffled(r, scores[q].length);
            s[q] = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                s[q][i] = scores[q][p[i]];
            }
        }
        return new RandomLists(s, labels);
    }

    static int[] shuffled(SplittableRandom r, int n) {
        int[] v = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return v;
    }
}
