package dev.rerank4j.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One query's best documents among some corpus partitions, best first (score descending, then global document id
 * ascending: the order core's exact search gives), at most {@code k}; plus the query's positives found there with
 * their scores, by ascending id. {@link #merge} is associative and commutative, so the per-query reduction gives the
 * same result in any order, on any retry.
 *
 * @param ids global document ids, best first
 * @param scores their scores
 * @param positiveIds global ids of the query's positives found, ascending
 * @param positiveScores their scores
 */
record TopCandidates(long[] ids, float[] scores, long[] positiveIds, float[] positiveScores) implements Serializable {
    private static final long serialVersionUID = 1L;

    TopCandidates {
        if (ids.length != scores.length || positiveIds.length != positiveScores.length) {
            throw new IllegalArgumentException("ids and scores must have equal lengths");
        }
    }

    /** The bounded merge of two partial results: the best {@code k} of both, and every positive of either. */
    static TopCandidates merge(TopCandidates a, TopCandidates b, int k) {
        int n = Math.min(k, a.ids.length + b.ids.length);
        long[] ids = new long[n];
        float[] scores = new float[n];
        int i = 0;
        int j = 0;
        for (int r = 0; r < n; r++) {
            boolean takeA =
                    j >= b.ids.length || i < a.ids.length && better(a.scores[i], a.ids[i], b.scores[j], b.ids[j]);
            if (takeA) {
                ids[r] = a.ids[i];
                scores[r] = a.scores[i++];
            } else {
                ids[r] = b.ids[j];
                scores[r] = b.scores[j++];
            }
        }
        int m = a.positiveIds.length + b.positiveIds.length;
        long[] pIds = new long[m];
        float[] pScores = new float[m];
        int x = 0;
        int y = 0;
        for (int r = 0; r < m; r++) {
            if (y >= b.positiveIds.length || x < a.positiveIds.length && a.positiveIds[x] < b.positiveIds[y]) {
                pIds[r] = a.positiveIds[x];
                pScores[r] = a.positiveScores[x++];
            } else {
                pIds[r] = b.positiveIds[y];
                pScores[r] = b.positiveScores[y++];
            }
        }
        return new TopCandidates(ids, scores, pIds, pScores);
    }

    /** Whether (s1, id1) ranks before (s2, id2): higher score, then lower id. */
    private static boolean better(float s1, long id1, float s2, long id2) {
        int c = Float.compare(s1, s2);
        return c > 0 || c == 0 && id1 < id2;
    }

    /** The score of positive {@code id}, or NaN when this result has not seen it. */
    float positiveScore(long id) {
        int at = Arrays.binarySearch(positiveIds, id);
        return at >= 0 ? positiveScores[at] : Float.NaN;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopCandidates t
                && Arrays.equals(ids, t.ids)
                && Arrays.equals(scores, t.scores)
                && Arrays.equals(positiveIds, t.positiveIds)
                && Arrays.equals(positiveScores, t.positiveScores);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "TopCandidates[" + ids.length + " candidates, " + positiveIds.length + " positives]";
    }
}
