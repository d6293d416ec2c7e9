package dev.rerank4j.eval;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and when an evaluation happens: the optional folder for CSV logs, and the training epoch and step
 * ({@code -1} outside training, as in sentence-transformers).
 */
public final class EvaluationContext {
    private static final EvaluationContext NONE = new EvaluationContext(null, -1, -1);

    private final Path outputDir;
    private final int epoch;
    private final int steps;

    private EvaluationContext(Path outputDir, int epoch, int steps) {
        if (epoch < -1) {
            throw new IllegalArgumentException("epoch must be >= -1, got " + epoch);
        }
        if (steps < -1) {
            throw new IllegalArgumentException("steps must be >= -1, got " + steps);
        }
        this.outputDir = outputDir;
        this.epoch = epoch;
        this.steps = steps;
    }

    /** No CSV output, epoch and steps -1. */
    public static EvaluationContext none() {
        return NONE;
    }

    /** CSV logs appended in {@code outputDir}, epoch and steps -1. */
    public static EvaluationContext writingTo(Path outputDir) {
        return writingTo(outputDir, -1, -1);
    }

    /** CSV logs appended in {@code outputDir}, rows tagged with {@code epoch} and {@code steps}. */
    public static EvaluationContext writingTo(Path outputDir, int epoch, int steps) {
        return new EvaluationContext(Objects.requireNonNull(outputDir, "outputDir must not be null"), epoch, steps);
    }

    /** The CSV folder, empty when nothing is written. */
    public Optional<Path> outputDir() {
        return Optional.ofNullable(outputDir);
    }

    /** The training epoch, -1 outside training. */
    public int epoch() {
        return epoch;
    }

    /** The global training step, -1 outside training. */
    public int steps() {
        return steps;
    }
}
