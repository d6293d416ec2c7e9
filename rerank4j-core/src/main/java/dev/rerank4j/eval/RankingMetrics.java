package dev.rerank4j.eval;

import java.util.Arrays;

/**
 * Per-query ranking metrics, computed exactly as sentence-transformers' {@code CrossEncoderRerankingEvaluator}
 * computes them (v6.0.0, with scikit-learn 1.2 and numpy 1.24):
 *
 * <ul>
 *   <li>{@link #reciprocalRank}: {@code np.argsort(scores)[::-1]}, the reciprocal rank of the first relevant
 *       document within the top k, else 0. Among equal scores the document with the higher index ranks first
 *       (numpy's sort is stable for short lists, and the order is then reversed), so a positive listed before a
 *       tied negative ranks below it.
 *   <li>{@link #ndcg}: {@code sklearn.metrics.ndcg_score(ignore_ties=False)}: linear gains (the grade itself),
 *       discount {@code 1 / log2(1 + rank)} cut at k, tied scores share the average gain of their tie group (also
 *       across the cut-off), ideal DCG from the grades sorted descending; 0 when every grade is 0.
 *   <li>{@link #averagePrecision}: {@code sklearn.metrics.average_precision_score} over the whole list (no
 *       cut-off): the sum over distinct score thresholds of (recall increase) x precision, ties entering together;
 *       relevant means grade &gt; 0; 0 when nothing is relevant.
 * </ul>
 *
 * Scores are compared as doubles; {@code -0.0} equals {@code 0.0}, NaN is rejected.
 */
public final class RankingMetrics {
    private RankingMetrics() {}

    /** Indices from best to worst: score descending, ties by index descending (numpy's stable argsort reversed). */
    public static int[] rankOrder(double[] scores) {
        checkScores(scores);
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int byScore = Double.compare(scores[b] + 0.0, scores[a] + 0.0);
            return byScore != 0 ? byScore : Integer.compare(b, a);
        });
        int[] out = new int[order.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = order[i];
        }
        return out;
    }

    /** MRR@k of one query: 1 / rank of the first document with grade &gt; 0 among the top k, else 0. */
    public static double reciprocalRank(int[] grades, double[] scores, int k) {
        check(grades, scores, k);
        int[] order = rankOrder(scores);
        for (int rank = 0; rank < Math.min(k, order.length); rank++) {
            if (grades[order[rank]] > 0) {
                return 1.0 / (rank + 1);
            }
        }
        return 0;
    }

    /** NDCG@k of one query with linear gains and tie-averaging (scikit-learn's {@code ndcg_score}). */
    public static double ndcg(int[] grades, double[] scores, int k) {
        check(grades, scores, k);
        double ideal = idealDcg(grades, k);
        return ideal == 0 ? 0 : dcg(grades, scores, k) / ideal;
    }

    /**
     * NDCG@k as BEIR reports it (pytrec_eval's {@code ndcg_cut_k}): the DCG of the ranked list ({@link #ndcg}'s
     * gains, discounts and tie-averaging) over the ideal DCG of every relevant judgment of the query, retrieved or
     * not ({@code judged}: their grades), so relevant documents the first stage missed lower the figure instead of
     * being left out of it. 0 when nothing judged is relevant.
     *
     * @throws IllegalArgumentException if the ranked list holds more relevance (grades &gt; 0) than {@code judged}
     */
    public static double ndcgOverJudged(int[] grades, double[] scores, int k, int[] judged) {
        check(grades, scores, k);
        int[] positiveRanked = Arrays.stream(grades).filter(g -> g > 0).toArray();
        int[] positiveJudged = Arrays.stream(judged).filter(g -> g > 0).toArray();
        if (positiveRanked.length > positiveJudged.length) {
            throw new IllegalArgumentException("the ranked list holds " + positiveRanked.length
                    + " relevant documents but only " + positiveJudged.length + " are judged relevant");
        }
        double ideal = idealDcg(positiveJudged, k);
        return ideal == 0 ? 0 : dcg(grades, scores, k) / ideal;
    }

    private static double dcg(int[] grades, double[] scores, int k) {
        int n = grades.length;
        double[] cumulativeDiscount = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i < k ? 1.0 / log2(i + 2) : 0.0;
            cumulativeDiscount[i] = sum;
        }
        int[] order = rankOrder(scores);
        double dcg = 0;
        int start = 0;
        while (start < n) {
            int end = groupEnd(order, scores, start);
            double gain = 0;
            for (int i = start; i < end; i++) {
                gain += grades[order[i]];
            }
            double discount = cumulativeDiscount[end - 1] - (start > 0 ? cumulativeDiscount[start - 1] : 0.0);
            dcg += gain / (end - start) * discount;
            start = end;
        }
        return dcg;
    }

    private static double idealDcg(int[] grades, int k) {
        int[] ideal = grades.clone();
        Arrays.sort(ideal);
        int n = ideal.length;
        double idealDcg = 0;
        for (int i = 0; i < Math.min(k, n); i++) {
            idealDcg += ideal[n - 1 - i] / log2(i + 2);
        }
        return idealDcg;
    }

    /** Average precision of one query over the full list (scikit-learn's {@code average_precision_score}). */
    public static double averagePrecision(int[] grades, double[] scores) {
        check(grades, scores, 1);
        int relevant = 0;
        for (int grade : grades) {
            relevant += grade > 0 ? 1 : 0;
        }
        if (relevant == 0) {
            return 0;
        }
        int[] order = rankOrder(scores);
        double ap = 0;
        double previousRecall = 0;
        int truePositives = 0;
        int start = 0;
        while (start < order.length) {
            int end = groupEnd(order, scores, start);
            for (int i = start; i < end; i++) {
                truePositives += grades[order[i]] > 0 ? 1 : 0;
            }
            double recall = (double) truePositives / relevant;
            ap += (recall - previousRecall) * truePositives / end;
            previousRecall = recall;
            start = end;
        }
        return ap;
    }

    private static int groupEnd(int[] order, double[] scores, int start) {
        int end = start + 1;
        while (end < order.length && scores[order[end]] == scores[order[start]]) {
            end++;
        }
        return end;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static void check(int[] grades, double[] scores, int k) {
        if (grades.length != scores.length) {
            throw new IllegalArgumentException(
                    "grades and scores must have the same length, got " + grades.length + " and " + scores.length);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        for (int i = 0; i < grades.length; i++) {
            if (grades[i] < 0) {
                throw new IllegalArgumentException("grades[" + i + "] must be >= 0, got " + grades[i]);
            }
        }
    }

    private static void checkScores(double[] scores) {
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("scores[" + i + "] is NaN");
            }
        }
    }
}
