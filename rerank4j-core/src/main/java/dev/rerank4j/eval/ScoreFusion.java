package dev.rerank4j.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/**
 * How a reranker's scores are combined with the first stage's (BM25) scores of the same candidates before ranking.
 * An explicit evaluation option: a cross-encoder trained on one domain often ranks another domain worse than BM25
 * alone, and a mix with the first stage keeps what lexical matching knew.
 *
 * <ul>
 *   <li>{@link None}: the reranker's scores alone (the default; what sentence-transformers' evaluators do).
 *   <li>{@link Convex}: {@code w * minmax(reranker) + (1 - w) * minmax(first stage)}, each min-max normalised over
 *       the query's candidates (a constant list normalises to 0). A candidate the first stage did not retrieve (a
 *       positive injected by {@code always_rerank_positives}) gets first-stage 0.
 *   <li>{@link Rrf}: reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009):
 *       {@code 1 / (k + rank_reranker) + 1 / (k + rank_first_stage)}, ranks from 1, ties broken by candidate order;
 *       a candidate the first stage did not retrieve has no first-stage term.
 * </ul>
 *
 * <p>Written as {@code none}, {@code convex:0.5} (the reranker's weight) or {@code rrf:60} ({@link #parse}).
 */
public sealed interface ScoreFusion {
    /**
     * The fused scores, higher is better.
     *
     * @param reranker the reranker's score per candidate
     * @param firstStage the first stage's score per candidate, {@code NaN} where it did not retrieve the candidate
     */
    double[] fuse(float[] reranker, float[] firstStage);

    /** The written form, as {@link #parse} reads it. */
    String describe();

    /** The reranker's scores alone. */
    record None() implements ScoreFusion {
        @Override
        public double[] fuse(float[] reranker, float[] firstStage) {
            double[] out = new double[reranker.length];
            for (int i = 0; i < reranker.length; i++) {
                out[i] = reranker[i];
            }
            return out;
        }

        @Override
        public String describe() {
            return "none";
        }
    }

    /**
     * A convex mix of min-max normalised scores.
     *
     * @param weight the reranker's weight in [0, 1]; the first stage gets {@code 1 - weight}
     */
    record Convex(double weight) implements ScoreFusion {
        public Convex {
            if (!(weight >= 0 && weight <= 1)) {
                throw new IllegalArgumentException("the convex fusion weight must be in [0, 1], got " + weight);
            }
        }

        @Override
        public double[] fuse(float[] reranker, float[] firstStage) {
            checkLengths(reranker, firstStage);
            double[] r = minMax(reranker);
            double[] f = minMax(firstStage);
            double[] out = new double[reranker.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = weight * r[i] + (1 - weight) * f[i];
            }
            return out;
        }

        @Override
        public String describe() {
            return "convex:" + weight;
        }

        /** Min-max normalisation over the finite values; NaN and a constant list give 0. */
        static double[] minMax(float[] values) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (float v : values) {
                if (!Float.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            double[] out = new double[values.length];
            double range = max - min;
            for (int i = 0; i < values.length; i++) {
                out[i] = Float.isNaN(values[i]) || !(range > 0) ? 0 : (values[i] - min) / range;
            }
            return out;
        }
    }

    /**
     * Reciprocal rank fusion.
     *
     * @param k the rank offset ({@code 60} in the paper), at least 1
     */
    record Rrf(int k) implements ScoreFusion {
        public Rrf {
            if (k < 1) {
                throw new IllegalArgumentException("the rrf constant k must be >= 1, got " + k);
            }
        }

        @Override
        public double[] fuse(float[] reranker, float[] firstStage) {
            checkLengths(reranker, firstStage);
            double[] out = new double[reranker.length];
            addReciprocalRanks(reranker, out);
            addReciprocalRanks(firstStage, out);
            return out;
        }

        private void addReciprocalRanks(float[] scores, double[] out) {
            Integer[] order = new Integer[scores.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
            int rank = 0;
            for (int i : order) {
                if (!Float.isNaN(scores[i])) {
                    rank++;
                    out[i] += 1.0 / (k + rank);
                }
            }
        }

        @Override
        public String describe() {
            return "rrf:" + k;
        }
    }

    /** No fusion. */
    static ScoreFusion none() {
        return new None();
    }

    /**
     * Reads {@code none}, {@code convex:W} (the reranker's weight in [0, 1]) or {@code rrf:K}.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    static ScoreFusion parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        String kind = s.contains(":") ? s.substring(0, s.indexOf(':')) : s;
        String value = s.contains(":") ? s.substring(s.indexOf(':') + 1).strip() : "";
        try {
            switch (kind) {
                case "none":
                    if (value.isEmpty()) {
                        return none();
                    }
                    break;
                case "convex":
                    return new Convex(Double.parseDouble(value.isEmpty() ? "0.5" : value));
                case "rrf":
                    return new Rrf(Integer.parseInt(value.isEmpty() ? "60" : value));
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            // reported below
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fusion \"" + text + "\": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("fusion must be none, convex:W (the reranker's weight in [0, 1], e.g."
                + " convex:0.5) or rrf:K (e.g. rrf:60), got \"" + text + "\"");
    }

    private static void checkLengths(float[] reranker, float[] firstStage) {
        if (reranker.length != firstStage.length) {
            throw new IllegalArgumentException(
                    reranker.length + " reranker scores but " + firstStage.length + " first-stage scores");
        }
    }
}
