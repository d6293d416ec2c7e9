package dev.rerank4j.loss;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.rerank4j.TextPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The candidate columns of the in-batch losses, in sentence-transformers' order: column 0 holds each anchor's own
 * positive, then come the in-batch negatives, then the anchor's own hard negatives. In-batch negatives of anchor i
 * are the other rows' documents: every other row's positive (in row order), then every other row's first hard
 * negative, and so on. With {@code num_negatives} below their number, each anchor draws that many of them without
 * replacement, uniformly, in random order, from a seeded generator; otherwise all of them are used in that order.
 *
 * @param columns {@code columns.get(c).get(i)} is the document scored with anchor i in column c
 */
record InBatchCandidates(List<String> anchors, List<List<String>> columns) {
    /**
     * @param rows the input columns: anchors, positives, hard negatives 1..h
     * @param maxNegatives in-batch negatives per anchor; when there are no more than this many ({@link
     *     Integer#MAX_VALUE} for a loss's {@code num_negatives=None}), all of them, in order, without sampling
     * @param seed where the sampler's seed comes from, asked only when sampling
     */
    static InBatchCandidates of(Batch rows, int maxNegatives, SeedSource seed) {
        List<String> anchors = rows.texts(0);
        int b = anchors.size();
        List<List<String>> candidates = new ArrayList<>();
        for (int c = 1; c < rows.columns(); c++) {
            candidates.add(rows.texts(c));
        }
        int valid = (b - 1) * candidates.size();
        int[][] picks = new int[b][];
        if (maxNegatives < valid) {
            SplittableRandom random = new SplittableRandom(seed.next());
            for (int i = 0; i < b; i++) {
                picks[i] = sample(validFor(i, b, candidates.size()), maxNegatives, random);
            }
        } else {
            for (int i = 0; i < b; i++) {
                picks[i] = validFor(i, b, candidates.size());
            }
        }
        List<List<String>> columns = new ArrayList<>();
        columns.add(candidates.get(0));
        int inBatch = picks.length == 0 ? 0 : picks[0].length;
        for (int t = 0; t < inBatch; t++) {
            List<String> column = new ArrayList<>(b);
            for (int i = 0; i < b; i++) {
                int flat = picks[i][t];
                column.add(candidates.get(flat / b).get(flat % b));
            }
            columns.add(column);
        }
        columns.addAll(candidates.subList(1, candidates.size()));
        return new InBatchCandidates(anchors, List.copyOf(columns));
    }

    /** Where a sampler seed comes from. */
    @FunctionalInterface
    interface SeedSource {
        long next();

        /** A seed drawn from libtorch's generator, which the trainer seeds per batch. */
        static SeedSource torch(NDManager manager) {
            return () -> manager.randomInteger(0, Long.MAX_VALUE, new Shape(1), DataType.INT64)
                    .getLong();
        }
    }

    static Optional<String> checkLayout(String loss, int inputColumns, boolean hasLabel) {
        if (inputColumns < 2) {
            return Optional.of(loss + " expects at least 2 input columns (anchor, positive[, negative_1, ...]), got "
                    + inputColumns);
        }
        if (hasLabel) {
            return Optional.of(loss + " reads no label: every row is (anchor, positive[, hard negatives]) and every"
                    + " other row's documents are its negatives; remove the label column (keep only positive pairs)");
        }
        return Optional.empty();
    }

    static Optional<String> checkRow(Batch row) {
        for (int c = 0; c < row.columns(); c++) {
            Object v = row.inputs().get(c).get(0);
            if (!(v instanceof String)) {
                return Optional.of("input " + (c + 1) + " must be a text, got " + Labels.describe(v));
            }
        }
        return Optional.empty();
    }

    int rows() {
        return anchors.size();
    }

    /** The pairs of one column. */
    List<TextPair> pairs(int column) {
        List<TextPair> out = new ArrayList<>(anchors.size());
        for (int i = 0; i < anchors.size(); i++) {
            out.add(new TextPair(anchors.get(i), columns.get(column).get(i)));
        }
        return out;
    }

    /** Every pair, column by column. */
    List<TextPair> allPairs() {
        List<TextPair> out = new ArrayList<>(anchors.size() * columns.size());
        for (int c = 0; c < columns.size(); c++) {
            out.addAll(pairs(c));
        }
        return out;
    }

    /** Flat indices {@code c * b + j} of every candidate of the other rows, in column then row order. */
    private static int[] validFor(int anchor, int b, int candidateColumns) {
        int[] out = new int[(b - 1) * candidateColumns];
        int n = 0;
        for (int c = 0; c < candidateColumns; c++) {
            for (int j = 0; j < b; j++) {
                if (j != anchor) {
                    out[n++] = c * b + j;
                }
            }
        }
        return out;
    }

    /** {@code k} of the values without replacement, in random order (a partial Fisher-Yates shuffle). */
    private static int[] sample(int[] values, int k, SplittableRandom random) {
        int[] v = values.clone();
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(v.length - i);
            int t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        int[] out = new int[k];
        System.arraycopy(v, 0, out, 0, k);
        return out;
    }
}
