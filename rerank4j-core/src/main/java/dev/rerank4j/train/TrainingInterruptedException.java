package dev.rerank4j.train;

import dev.rerank4j.RunInterruptedException;
import dev.rerank4j.StopRequest;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Training stopped between two steps because a stop was requested: the message names the step and the checkpoint to
 * resume from ({@code resume_from_checkpoint}), or says that there is none yet.
 */
public final class TrainingInterruptedException extends RunInterruptedException {
    private static final long serialVersionUID = 1L;

    private final long globalStep;
    private final transient Path checkpoint;

    TrainingInterruptedException(StopRequest request, String message, long globalStep, Path checkpoint) {
        super(request, message);
        this.globalStep = globalStep;
        this.checkpoint = checkpoint; // null: no checkpoint written yet
    }

    /** The optimizer steps done when training stopped. */
    public long globalStep() {
        return globalStep;
    }

    /** The checkpoint holding the state at {@link #globalStep()} (or the last one before it); empty if none exists. */
    public Optional<Path> checkpoint() {
        return Optional.ofNullable(checkpoint);
    }
}
