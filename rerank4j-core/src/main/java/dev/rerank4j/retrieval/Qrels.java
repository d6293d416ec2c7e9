package dev.rerank4j.retrieval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Relevance judgments: for each query id, the judged document ids and their integer grades, in file order. A grade
 * above 0 means relevant (as in trec_eval and pytrec_eval); graded qrels (NFCorpus 2-1-0) keep their grades, which
 * become linear NDCG gains.
 *
 * @param judgments query id to (document id to grade); copied into unmodifiable, order-preserving maps
 */
public record Qrels(Map<String, Map<String, Integer>> judgments) {
    public Qrels {
        Objects.requireNonNull(judgments, "judgments must not be null");
        Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
        judgments.forEach((query, docs) -> {
            Objects.requireNonNull(docs, "judgments of query " + query + " must not be null");
            docs.forEach((doc, grade) -> {
                if (grade == null || grade < 0) {
                    throw new IllegalArgumentException(
                            "grade of (" + query + ", " + doc + ") must be an integer >= 0, got " + grade);
                }
            });
            copy.put(query, Collections.unmodifiableMap(new LinkedHashMap<>(docs)));
        });
        judgments = Collections.unmodifiableMap(copy);
    }

    /** The judged query ids, in file order. */
    public List<String> queryIds() {
        return List.copyOf(judgments.keySet());
    }

    /** The judgments of one query (empty when it has none). */
    public Map<String, Integer> of(String queryId) {
        return judgments.getOrDefault(queryId, Map.of());
    }

    /** The number of (query, document) judgments. */
    public int size() {
        return judgments.values().stream().mapToInt(Map::size).sum();
    }
}
