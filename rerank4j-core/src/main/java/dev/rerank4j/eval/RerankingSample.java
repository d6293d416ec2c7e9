package dev.rerank4j.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A sentence-transformers reranking sample: a query, its positives and either negatives or a first-stage ranking
 * ({@code documents}). Documents are identified by their text, as in the reference. Positives carry a grade
 * ({@code 1} for binary relevance; higher grades become larger linear NDCG gains).
 */
public sealed interface RerankingSample permits RerankingSample.WithNegatives, RerankingSample.WithDocuments {
    /** The query text. */
    String query();

    /** The relevant documents, in sample order. */
    List<Relevant> positives();

    /**
     * The candidates to rerank and their grades, by sentence-transformers' rules.
     *
     * @param id the query id to give the result
     */
    RerankingQuery prepare(String id, RerankPositives policy);

    /** A sample with positives and negatives, all positives relevant with grade 1. */
    static WithNegatives withNegatives(String query, List<String> positives, List<String> negatives) {
        return new WithNegatives(query, Relevant.binary(positives), negatives);
    }

    /** A sample with positives and a first-stage ranking (positives may or may not be in it), grades 1. */
    static WithDocuments withDocuments(String query, List<String> positives, List<String> documents) {
        return new WithDocuments(query, Relevant.binary(positives), documents);
    }

    /**
     * A relevant document.
     *
     * @param document its text
     * @param grade its relevance, {@code >= 1}
     */
    record Relevant(String document, int grade) {
        public Relevant {
            Objects.requireNonNull(document, "document must not be null");
            if (grade < 1) {
                throw new IllegalArgumentException("grade of a positive must be >= 1, got " + grade);
            }
        }

        static List<Relevant> binary(List<String> documents) {
            List<Relevant> out = new ArrayList<>(documents.size());
            documents.forEach(d -> out.add(new Relevant(d, 1)));
            return out;
        }
    }

    /**
     * Positives and negatives: the candidates are the positives followed by the negatives, in that order (a
     * negative never counts as relevant, even if its text equals a positive's, as in the reference).
     */
    record WithNegatives(String query, List<Relevant> positives, List<String> negatives) implements RerankingSample {
        public WithNegatives {
            Objects.requireNonNull(query, "query must not be null");
            positives = List.copyOf(positives);
            negatives = List.copyOf(negatives);
        }

        @Override
        public RerankingQuery prepare(String id, RerankPositives policy) {
            List<String> candidates = new ArrayList<>();
            List<Integer> grades = new ArrayList<>();
            for (Relevant positive : positives) {
                candidates.add(positive.document());
                grades.add(positive.grade());
            }
            for (String negative : negatives) {
                candidates.add(negative);
                grades.add(0);
            }
            return RerankingQuery.of(id, query, candidates, grades);
        }
    }

    /**
     * Positives and a first-stage ranking, best first. The base (first-stage) metrics see {@code documents} with the
     * positives it misses appended, scored n..1; a query whose first stage found no positive has base metrics 0.
     */
    record WithDocuments(String query, List<Relevant> positives, List<String> documents) implements RerankingSample {
        public WithDocuments {
            Objects.requireNonNull(query, "query must not be null");
            positives = List.copyOf(positives);
            documents = List.copyOf(documents);
            if (documents.isEmpty()) {
                throw new IllegalArgumentException("documents must not be empty (use negatives instead)");
            }
        }

        @Override
        public RerankingQuery prepare(String id, RerankPositives policy) {
            List<Integer> base = new ArrayList<>();
            Set<String> retrieved = new HashSet<>(documents);
            boolean anyRetrieved = false;
            for (String document : documents) {
                int grade = gradeOf(document);
                base.add(grade);
                anyRetrieved |= grade > 0;
            }
            if (anyRetrieved) {
                for (Relevant positive : positives) {
                    if (!retrieved.contains(positive.document())) {
                        base.add(positive.grade());
                    }
                }
            }
            List<String> candidates = new ArrayList<>();
            List<Integer> grades = new ArrayList<>();
            if (policy == RerankPositives.ALWAYS) {
                Set<String> positiveTexts = new HashSet<>();
                for (Relevant positive : positives) {
                    candidates.add(positive.document());
                    grades.add(positive.grade());
                    positiveTexts.add(positive.document());
                }
                for (String document : documents) {
                    if (!positiveTexts.contains(document)) {
                        candidates.add(document);
                        grades.add(0);
                    }
                }
            } else {
                for (String document : documents) {
                    candidates.add(document);
                    grades.add(gradeOf(document));
                }
            }
            return RerankingQuery.withFirstStage(id, query, candidates, grades, base);
        }

        private int gradeOf(String document) {
            for (Relevant positive : positives) {
                if (positive.document().equals(document)) {
                    return positive.grade();
                }
            }
            return 0;
        }
    }
}
