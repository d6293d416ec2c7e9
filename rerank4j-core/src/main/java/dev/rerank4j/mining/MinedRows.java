package dev.rerank4j.mining;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns each anchor's selected negatives into the rows of one {@link OutputFormat}, in sentence-transformers' order
 * (anchors in first-seen order; per anchor its positives in first-seen order), and collects the scores the report
 * summarises.
 */
final class MinedRows {
    final List<MinedRow> rows = new ArrayList<>();
    private final FloatList positives = new FloatList();
    private final FloatList negatives = new FloatList();
    private final FloatList differences = new FloatList();

    /**
     * @param negIds per anchor, the selected negatives' corpus indices, best first
     * @param negScores per anchor, their scores
     */
    static MinedRows build(
            MiningInput in,
            List<float[]> positiveScores,
            int[][] negIds,
            float[][] negScores,
            OutputFormat format,
            int numNegatives) {
        MinedRows out = new MinedRows();
        for (int q = 0; q < in.queries.size(); q++) {
            String anchor = in.queries.get(q);
            int[] pos = in.positives.get(q);
            float[] ps = positiveScores.get(q);
            List<String> negs = new ArrayList<>(negIds[q].length);
            for (int id : negIds[q]) {
                negs.add(in.corpus.get(id));
            }
            for (int j = 0; j < pos.length; j++) {
                out.positives.add(ps[j]);
                boolean kept = format != OutputFormat.N_TUPLE || negs.size() == numNegatives;
                if (kept) {
                    for (float ns : negScores[q]) {
                        out.negatives.add(ns);
                        out.differences.add(ps[j] - ns);
                    }
                }
            }
            out.add(format, anchor, in, pos, ps, negs, negScores[q], numNegatives);
        }
        return out;
    }

    private void add(
            OutputFormat format,
            String anchor,
            MiningInput in,
            int[] pos,
            float[] ps,
            List<String> negs,
            float[] ns,
            int numNegatives) {
        switch (format) {
            case TRIPLET -> {
                for (int j = 0; j < pos.length; j++) {
                    for (int n = 0; n < negs.size(); n++) {
                        rows.add(new MinedRow.Triplet(anchor, in.corpus.get(pos[j]), negs.get(n), ps[j], ns[n]));
                    }
                }
            }
            case N_TUPLE -> {
                if (negs.size() == numNegatives) {
                    for (int j = 0; j < pos.length; j++) {
                        rows.add(new MinedRow.NTuple(anchor, in.corpus.get(pos[j]), negs, ps[j], ns));
                    }
                }
            }
            case LABELED_PAIR -> {
                for (int j = 0; j < pos.length; j++) {
                    rows.add(new MinedRow.LabeledPair(anchor, in.corpus.get(pos[j]), 1, ps[j]));
                }
                for (int n = 0; n < negs.size(); n++) {
                    rows.add(new MinedRow.LabeledPair(anchor, negs.get(n), 0, ns[n]));
                }
            }
            case LABELED_LIST -> {
                if (!negs.isEmpty()) {
                    for (int j = 0; j < pos.length; j++) {
                        List<String> docs = new ArrayList<>(negs.size() + 1);
                        docs.add(in.corpus.get(pos[j]));
                        docs.addAll(negs);
                        float[] scores = new float[negs.size() + 1];
                        scores[0] = ps[j];
                        System.arraycopy(ns, 0, scores, 1, negs.size());
                        rows.add(new MinedRow.LabeledList(anchor, docs, scores));
                    }
                }
            }
        }
    }

    /** The rows a format could have produced at most, as sentence-transformers counts them. */
    static int maximumRows(OutputFormat format, MiningInput in, int numNegatives) {
        return switch (format) {
            case TRIPLET -> in.positivePairs() * numNegatives;
            case LABELED_PAIR -> in.queries.size() * numNegatives + in.inputRows;
            case N_TUPLE, LABELED_LIST -> in.positivePairs();
        };
    }

    float[] positiveScores() {
        return positives.toArray();
    }

    float[] negativeScores() {
        return negatives.toArray();
    }

    float[] differenceScores() {
        return differences.toArray();
    }

    /** A growable float array. */
    private static final class FloatList {
        private float[] values = new float[64];
        private int size;

        void add(float v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
