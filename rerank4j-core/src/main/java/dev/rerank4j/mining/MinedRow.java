package dev.rerank4j.mining;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One row of a mined dataset. Every row keeps its scores; {@link #values} decides whether they or the labels are
 * written, as {@code output_scores} does.
 */
public sealed interface MinedRow {
    /**
     * The row's cells in column order ({@link OutputFormat#columns}): {@code String}, {@code Integer}, {@code Float},
     * or a {@code List} of them.
     */
    List<Object> values(boolean scores);

    /** The anchor. */
    String anchor();

    /**
     * {@code (anchor, positive, negative)}.
     *
     * @param positiveScore the positive's score
     * @param negativeScore the negative's score
     */
    record Triplet(String anchor, String positive, String negative, float positiveScore, float negativeScore)
            implements MinedRow {
        public Triplet {
            Objects.requireNonNull(anchor, "anchor");
            Objects.requireNonNull(positive, "positive");
            Objects.requireNonNull(negative, "negative");
        }

        @Override
        public List<Object> values(boolean scores) {
            List<Object> v = new ArrayList<>(List.of(anchor, positive, negative));
            if (scores) {
                v.add(List.of(positiveScore, negativeScore));
            }
            return v;
        }
    }

    /**
     * {@code (anchor, positive, negative_1, ..., negative_n)}.
     *
     * @param negativeScores one per negative, best first
     */
    record NTuple(String anchor, String positive, List<String> negatives, float positiveScore, float[] negativeScores)
            implements MinedRow {
        public NTuple {
            negatives = List.copyOf(negatives);
            negativeScores = negativeScores.clone();
            if (negatives.size() != negativeScores.length) {
                throw new IllegalArgumentException("negatives and negativeScores must have the same length, got "
                        + negatives.size() + " and " + negativeScores.length);
            }
        }

        @Override
        public float[] negativeScores() {
            return negativeScores.clone();
        }

        @Override
        public List<Object> values(boolean scores) {
            List<Object> v = new ArrayList<>(List.of(anchor, positive));
            v.addAll(negatives);
            if (scores) {
                List<Float> s = new ArrayList<>(List.of(positiveScore));
                for (float f : negativeScores) {
                    s.add(f);
                }
                v.add(s);
            }
            return v;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NTuple t
                    && anchor.equals(t.anchor)
                    && positive.equals(t.positive)
                    && negatives.equals(t.negatives)
                    && Float.compare(positiveScore, t.positiveScore) == 0
                    && Arrays.equals(negativeScores, t.negativeScores);
        }

        @Override
        public int hashCode() {
            return Objects.hash(anchor, positive, negatives);
        }

        @Override
        public String toString() {
            return "NTuple[" + anchor + ", " + positive + ", " + negatives + ", " + positiveScore + ", "
                    + Arrays.toString(negativeScores) + "]";
        }
    }

    /**
     * {@code (anchor, document, label)}: label 1 for a positive, 0 for a negative.
     *
     * @param score the document's score
     */
    record LabeledPair(String anchor, String document, int label, float score) implements MinedRow {
        public LabeledPair {
            Objects.requireNonNull(anchor, "anchor");
            Objects.requireNonNull(document, "document");
            if (label != 0 && label != 1) {
                throw new IllegalArgumentException("label must be 0 or 1, got " + label);
            }
        }

        @Override
        public List<Object> values(boolean scores) {
            return List.of(anchor, document, scores ? (Object) score : (Object) label);
        }
    }

    /**
     * {@code (anchor, [positive, negative_1, ...], [1, 0, ...])}.
     *
     * @param documents the positive, then the negatives, best first
     * @param scores one per document
     */
    record LabeledList(String anchor, List<String> documents, float[] scores) implements MinedRow {
        public LabeledList {
            documents = List.copyOf(documents);
            scores = scores.clone();
            if (documents.size() < 2 || documents.size() != scores.length) {
                throw new IllegalArgumentException("documents must hold a positive and at least one negative, with"
                        + " one score each; got " + documents.size() + " documents and " + scores.length + " scores");
            }
        }

        @Override
        public float[] scores() {
            return scores.clone();
        }

        /** {@code [1, 0, 0, ...]}. */
        public List<Integer> labels() {
            List<Integer> l = new ArrayList<>(documents.size());
            l.add(1);
            for (int i = 1; i < documents.size(); i++) {
                l.add(0);
            }
            return l;
        }

        @Override
        public List<Object> values(boolean withScores) {
            List<Float> s = new ArrayList<>(scores.length);
            for (float f : scores) {
                s.add(f);
            }
            return List.of(anchor, documents, withScores ? s : labels());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LabeledList l
                    && anchor.equals(l.anchor)
                    && documents.equals(l.documents)
                    && Arrays.equals(scores, l.scores);
        }

        @Override
        public int hashCode() {
            return Objects.hash(anchor, documents);
        }

        @Override
        public String toString() {
            return "LabeledList[" + anchor + ", " + documents + ", " + Arrays.toString(scores) + "]";
        }
    }
}
