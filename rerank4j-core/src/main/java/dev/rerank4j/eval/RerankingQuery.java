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

    private RerankingQuery(
            String id, String query, List<String> candidates, List<Integer> grades, List<Integer> firstStage) {
        this.id = Objects.requireNonNull(id, "id must not be null");
        this.query = Objects.requireNonNull(query, "query must not be null");
        this.candidates = List.copyOf(candidates);
        this.grades = List.copyOf(grades);
        this.firstStageGrades = firstStage == null ? null : List.copyOf(firstStage);
        if (this.candidates.size() != this.grades.size()) {
            throw new IllegalArgumentException("query " + id + ": " + this.candidates.size() + " candidates but "
                    + this.grades.size() + " grades");
        }
        checkGrades(this.grades, "grades");
        if (this.firstStageGrades != null) {
            checkGrades(this.firstStageGrades, "firstStageGrades");
        }
    }

    /** A query without first stage (sentence-transformers' {@code negative} samples). */
    public static RerankingQuery of(String id, String query, List<String> candidates, List<Integer> grades) {
        return new RerankingQuery(id, query, candidates, grades, null);
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
                id, query, candidates, grades, Objects.requireNonNull(firstStageGrades, "firstStageGrades"));
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
