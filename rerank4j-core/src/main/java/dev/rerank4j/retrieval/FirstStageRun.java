package dev.rerank4j.retrieval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * First-stage results for a query set.
 *
 * @param fingerprint identifies the corpus, queries, analyzer and settings that produced the run (hex SHA-256)
 * @param hits per query id, the retrieved documents, best first; every evaluated query has an entry (possibly empty)
 * @param selfMatchesDropped how many hits were removed because their id equals the query id
 */
public record FirstStageRun(String fingerprint, Map<String, List<Hit>> hits, int selfMatchesDropped) {
    public FirstStageRun {
        Objects.requireNonNull(fingerprint, "fingerprint must not be null");
        Map<String, List<Hit>> copy = new LinkedHashMap<>();
        hits.forEach((query, list) -> copy.put(query, List.copyOf(list)));
        hits = Collections.unmodifiableMap(copy);
        if (selfMatchesDropped < 0) {
            throw new IllegalArgumentException("selfMatchesDropped must be >= 0, got " + selfMatchesDropped);
        }
    }

    /** The hits of one query, empty when it retrieved nothing. */
    public List<Hit> of(String queryId) {
        return hits.getOrDefault(queryId, List.of());
    }
}
