package dev.rerank4j.report;

import java.util.List;
import java.util.Objects;

/**
 * One evaluation query with its candidates ranked by the first stage, by the model before training and after it.
 *
 * @param evaluator the evaluator the query belongs to
 * @param query the query text
 * @param firstStage the candidates in first-stage order (score = first-stage score)
 * @param before the candidates ranked by the base model, best first
 * @param after the candidates ranked by the trained model, best first
 */
public record QueryExample(
        String evaluator,
        String query,
        List<RankedCandidate> firstStage,
        List<RankedCandidate> before,
        List<RankedCandidate> after) {

    public QueryExample {
        Objects.requireNonNull(evaluator, "evaluator");
        Objects.requireNonNull(query, "query");
        firstStage = List.copyOf(firstStage);
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    /**
     * A candidate and its score.
     *
     * @param text the document text
     * @param score the score it was ranked by
     * @param relevant whether it is a judged positive
     */
    public record RankedCandidate(String text, double score, boolean relevant) {

        public RankedCandidate {
            Objects.requireNonNull(text, "text");
        }
    }
}
