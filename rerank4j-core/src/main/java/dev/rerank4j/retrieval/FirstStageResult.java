package dev.rerank4j.retrieval;

import java.time.Duration;
import java.util.Objects;

/**
 * A first-stage run and how it was obtained.
 *
 * @param run the results
 * @param fromCache whether the run was read from the cache (then both durations are zero)
 * @param indexTime time spent building the index
 * @param searchTime time spent searching all queries
 */
public record FirstStageResult(FirstStageRun run, boolean fromCache, Duration indexTime, Duration searchTime) {
    public FirstStageResult {
        Objects.requireNonNull(run, "run must not be null");
        Objects.requireNonNull(indexTime, "indexTime must not be null");
        Objects.requireNonNull(searchTime, "searchTime must not be null");
    }
}
