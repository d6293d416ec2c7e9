package dev.rerank4j.eval;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One query ready to be reranked: the candidate texts in scoring order with their relevance grades (0 = not
 * relevant), and, when a first stage produced the candidates, the grades in first-stage order (relevant documents the
 * first stage missed appended at the end), which give the {@code base_} metrics with pseudo-scores n..1.
 *
 * <p>{@link RerankingSample}s are turned into these by sentence-transformers' rules; benchmarks that identify
 * documents by id (where two documents may share a text) build them directly.
 */
public final class RerankingQuery {
    private final String id;
    private final String query;
    private final List<String> candidates;
    private final List<Integer> grades;
    private final List<Integer> firstStageGrades;
    private final float[] firstStageScores;
    private final List<Integer> judgedGrades;
    private final int firstStageRetrieved;

    private RerankingQuery(
            String id,
            String query,
            List<String> candidates,
            List<Integer> grades,
            List<Integer> firstStage,
            float[] firstStageScores) {
        this(id, query, candidates, grades, firstStage, firstStageScores, null, -1);
    }

    private RerankingQuery(
            String id,
            String query,
            List<String> candidates,
            List<Integer> grades,
            List<Integer> firstStage,
            float[] firstStageScores,
            List<Integer> judgedGrades,
            int firstStageRetrieved) {
        this.id = Objects.requireNonNull(id, "id must not be null");
        this.query = Objects.requireNonNull(query, "query must not be null");
        this.candidates = List.copyOf(candidates);
        this.grades = List.copyOf(grades);
        this.firstStageGrades = firstStage == null ? null : List.copyOf(firstStage);
        if (this.candidates.size() != this.grades.size()) {
            throw new IllegalArgumentException("query " + id + ": " + this.candidates.size() + " candidates but "
                    + this.grades.size() + " grades");
        }
        this.firstStageScores = firstStageScores == null ? null : firstStageScores.clone();
        if (this.firstStageScores != null && this.firstStageScores.length != this.candidates.size()) {
            throw new IllegalArgumentException("query " + id + ": " + this.candidates.size() + " candidates but "
                    + this.firstStageScores.length + " first-stage scores");
        }
        checkGrades(this.grades, "grades");
        if (this.firstStageGrades != null) {
            checkGrades(this.firstStageGrades, "firstStageGrades");
        }
        this.judgedGrades = judgedGrades == null ? null : List.copyOf(judgedGrades);
        this.firstStageRetrieved = firstStageRetrieved;
        if (this.judgedGrades != null) {
            checkGrades(this.judgedGrades, "judgedGrades");
            if (this.firstStageGrades == null
                    || firstStageRetrieved < 0
                    || firstStageRetrieved > this.firstStageGrades.size()) {
                throw new IllegalArgumentException("query " + id + ": firstStageRetrieved must be between 0 and the "
                        + "number of first-stage grades, got " + firstStageRetrieved);
            }
        }
    }

    /**
     * This query with its relevance judgments, for NDCG as BEIR reports it ({@link RankingMetrics#ndcgOverJudged}):
     * the grade of every document judged relevant to it, retrieved or not, and how many of the first-stage grades
     * the first stage retrieved (the others are the missed relevant documents appended after them).
     *
     * @throws IllegalArgumentException if the query has no first stage or {@code firstStageRetrieved} is out of range
     */
    public RerankingQuery withJudgments(List<Integer> judgedGrades, int firstStageRetrieved) {
        return new RerankingQuery(
                id,
                query,
                candidates,
                grades,
                firstStageGrades,
                firstStageScores,
                Objects.requireNonNull(judgedGrades, "judgedGrades"),
                firstStageRetrieved);
    }

    /** The grade of every document judged relevant to the query, retrieved or not, when known. */
    public Optional<List<Integer>> judgedGrades() {
        return Optional.ofNullable(judgedGrades);
    }

    /** With {@link #judgedGrades}: how many leading first-stage grades the first stage retrieved; else -1. */
    public int firstStageRetrieved() {
        return firstStageRetrieved;
    }

    /** A query without first stage (sentence-transformers' {@code negative} samples). */
    public static RerankingQuery of(String id, String query, List<String> candidates, List<Integer> grades) {
        return new RerankingQuery(id, query, candidates, grades, null, null);
    }

    /**
     * A query whose candidates came from a first stage.
     *
     * @param firstStageGrades grades in first-stage order, missed relevant documents appended; empty when the
     *     first stage returned nothing
     */
    public static RerankingQuery withFirstStage(
            String id, String query, List<String> candidates, List<Integer> grades, List<Integer> firstStageGrades) {
        return new RerankingQuery(
                id, query, candidates, grades, Objects.requireNonNull(firstStageGrades, "firstStageGrades"), null);
    }

    /**
     * A query whose candidates came from a scoring first stage (BM25), so that its scores can be fused with the
     * reranker's ({@link ScoreFusion}).
     *
     * @param firstStageScores the first stage's score of each candidate, in candidate order; {@code NaN} for a
     *     candidate it did not retrieve (a positive added by {@code always_rerank_positives})
     */
    public static RerankingQuery withFirstStageScores(
            String id,
            String query,
            List<String> candidates,
            List<Integer> grades,
            List<Integer> firstStageGrades,
            float[] firstStageScores) {
        return new RerankingQuery(
                id,
                query,
                candidates,
                grades,
                Objects.requireNonNull(firstStageGrades, "firstStageGrades"),
                Objects.requireNonNull(firstStageScores, "firstStageScores"));
    }

    public String id() {
        return id;
    }

    public String query() {
        return query;
    }

    /** The texts to score, in scoring order. */
    public List<String> candidates() {
        return candidates;
    }

    /** The grade of each candidate, 0 = not relevant. */
    public List<Integer> grades() {
        return grades;
    }

    /** Grades in first-stage order, empty when the query has no first stage. */
    public Optional<List<Integer>> firstStageGrades() {
        return Optional.ofNullable(firstStageGrades);
    }

    /** The first stage's score of each candidate ({@code NaN}: not retrieved), when it gave scores; a copy. */
    public Optional<float[]> firstStageScores() {
        return Optional.ofNullable(firstStageScores).map(float[]::clone);
    }

    /** Whether any candidate is relevant (only then is the query scored). */
    public boolean hasRelevant() {
        return grades.stream().anyMatch(g -> g > 0);
    }

    private void checkGrades(List<Integer> values, String field) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) < 0) {
                throw new IllegalArgumentException(
                        "query " + id + ": " + field + "[" + i + "] must be >= 0, got " + values.get(i));
            }
        }
    }
}
