package dev.rerank4j.eval;

import dev.rerank4j.PairScorer;
import dev.rerank4j.TextPair;
import java.util.List;

/** Scores a list of pairs in calls of bounded size and checks what the scorer returns. */
final class PairBatches {
    private PairBatches() {}

    /** One score per pair from a single-label scorer. */
    static float[] scoreSingle(PairScorer scorer, List<TextPair> pairs, int pairsPerCall) {
        float[] out = new float[pairs.size()];
        for (int start = 0; start < pairs.size(); start += pairsPerCall) {
            List<TextPair> chunk = pairs.subList(start, Math.min(pairs.size(), start + pairsPerCall));
            float[] scores = scorer.scoreSingle(chunk);
            checkLength(scores.length, chunk.size());
            System.arraycopy(scores, 0, out, start, scores.length);
        }
        return out;
    }

    /** One row of scores per pair, every row of the same width. */
    static float[][] score(PairScorer scorer, List<TextPair> pairs, int pairsPerCall) {
        float[][] out = new float[pairs.size()][];
        for (int start = 0; start < pairs.size(); start += pairsPerCall) {
            List<TextPair> chunk = pairs.subList(start, Math.min(pairs.size(), start + pairsPerCall));
            float[][] rows = scorer.score(chunk);
            checkLength(rows.length, chunk.size());
            System.arraycopy(rows, 0, out, start, rows.length);
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null || out[i].length == 0 || out[i].length != out[0].length) {
                throw new IllegalStateException("the scorer returned rows of different widths: row 0 has "
                        + out[0].length + " scores, row " + i + " has " + (out[i] == null ? 0 : out[i].length));
            }
        }
        return out;
    }

    private static void checkLength(int got, int expected) {
        if (got != expected) {
            throw new IllegalStateException("the scorer returned " + got + " scores for " + expected + " pairs");
        }
    }
}
