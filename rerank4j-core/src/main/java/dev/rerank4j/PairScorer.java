package dev.rerank4j;

import java.util.List;

/**
 * Anything that scores (query, document) pairs: a {@link TextPair} list in, one row of scores per pair out.
 *
 * <p>Evaluators, miners and the CLI depend on this interface rather than on a concrete model, so that tests can
 * score with lookup tables and hand-built fixtures.
 */
@FunctionalInterface
public interface PairScorer {
    /**
     * Scores every pair.
     *
     * @param pairs the pairs, in any order; may be empty
     * @return one row per pair, in input order; each row holds one score per label (one for a reranker), after the
     *     model's activation function, exactly what {@code CrossEncoder.predict} returns in sentence-transformers
     */
    float[][] score(List<TextPair> pairs);

    /**
     * Scores pairs of a single-label model.
     *
     * @throws IllegalStateException if a row does not hold exactly one score
     */
    default float[] scoreSingle(List<TextPair> pairs) {
        float[][] rows = score(pairs);
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != 1) {
                throw new IllegalStateException(
                        "expected one score per pair (a reranker with num_labels=1), got " + rows[i].length);
            }
            out[i] = rows[i][0];
        }
        return out;
    }
}
