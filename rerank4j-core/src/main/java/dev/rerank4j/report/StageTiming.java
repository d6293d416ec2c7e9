package dev.rerank4j.report;

import java.util.Objects;

/**
 * One stage of a run.
 *
 * @param name the stage, e.g. {@code split}, {@code mine-train}, {@code train}, {@code evaluate-after}
 * @param seconds the wall time the stage took when it ran (for a reused stage: when it first ran)
 * @param reused whether the stage's output was found in the run folder with the same fingerprint and reused
 * @param detail one line on what it did or produced, e.g. {@code 12,345 labelled pairs}
 */
public record StageTiming(String name, double seconds, boolean reused, String detail) {

    public StageTiming {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("stage " + name + ": seconds must be >= 0, got " + seconds);
        }
    }
}
