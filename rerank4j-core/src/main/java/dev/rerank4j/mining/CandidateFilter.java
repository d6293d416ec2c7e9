package dev.rerank4j.mining;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes candidates (sets their score to -inf) as {@code mine_hard_negatives} does, in its order: padding, the
 * anchor's own positives (unless included), the absolute margin, the relative margin, {@code max_score}, {@code
 * min_score}. Margins are measured from the anchor's lowest positive score. Each rule counts only the candidates it
 * removes itself (sentence-transformers' {@code min_score} count also includes candidates removed earlier). As in
 * torch, the comparisons run in float32.
 */
final class CandidateFilter {
    private CandidateFilter() {}

    /**
     * Filters {@code scores} in place.
     *
     * @param ids {@code [queries, k]} corpus indices, -1 for padding
     * @param scores {@code [queries, k]} scores
     * @param positives each query's positive corpus indices
     * @param positiveScores each query's positive scores
     * @return what each rule removed
     */
    static List<Count> apply(
            int[] ids, float[] scores, int k, List<int[]> positives, List<float[]> positiveScores, MiningOptions o) {
        int queries = positives.size();
        long eligible = 0;
        for (int q = 0; q < queries; q++) {
            for (int r = 0; r < k; r++) {
                int i = q * k + r;
                if (ids[i] < 0 || !o.includePositives() && contains(positives.get(q), ids[i])) {
                    scores[i] = Float.NEGATIVE_INFINITY;
                } else if (scores[i] != Float.NEGATIVE_INFINITY) {
                    eligible++;
                }
            }
        }
        float[] weakest = new float[queries];
        for (int q = 0; q < queries; q++) {
            float min = Float.POSITIVE_INFINITY;
            for (float s : positiveScores.get(q)) {
                min = Math.min(min, s);
            }
            weakest[q] = min;
        }
        List<Count> counts = new ArrayList<>();
        if (o.absoluteMargin().isPresent()) {
            eligible = rule(
                    counts,
                    "absolute_margin",
                    o.absoluteMargin().getAsDouble(),
                    eligible,
                    scores,
                    k,
                    (s, q, m) -> s + m > weakest[q]);
        }
        if (o.relativeMargin().isPresent()) {
            eligible = rule(
                    counts,
                    "relative_margin",
                    o.relativeMargin().getAsDouble(),
                    eligible,
                    scores,
                    k,
                    (s, q, m) -> s > weakest[q] - Math.abs(weakest[q]) * m);
        }
        if (o.maxScore().isPresent()) {
            eligible = rule(counts, "max_score", o.maxScore().getAsDouble(), eligible, scores, k, (s, q, m) -> s > m);
        }
        if (o.minScore().isPresent()) {
            rule(counts, "min_score", o.minScore().getAsDouble(), eligible, scores, k, (s, q, m) -> s < m);
        }
        return counts;
    }

    /** What one rule removed out of the candidates still eligible when it ran. */
    record Count(String rule, double threshold, long removed, long eligible) {}

    private interface Drop {
        boolean test(float score, int query, float setting);
    }

    private static long rule(
            List<Count> counts, String name, double setting, long eligible, float[] scores, int k, Drop drop) {
        float m = (float) setting; // float32 arithmetic, as torch compares float32 tensors
        long removed = 0;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] != Float.NEGATIVE_INFINITY && drop.test(scores[i], i / k, m)) {
                scores[i] = Float.NEGATIVE_INFINITY;
                removed++;
            }
        }
        counts.add(new Count(name, setting, removed, eligible));
        return eligible - removed;
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
