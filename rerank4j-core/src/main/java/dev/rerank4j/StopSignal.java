package dev.rerank4j;

import java.util.Optional;

/**
 * The read side of a request to stop a long run (training, scoring, mining) at its next safe point: between training
 * steps, between inference batches, between mining chunks. Long loops call {@link #throwIfStopped()} there, never in
 * the middle of a native operation, so a stopped run leaves its native memory and its files whole. {@link
 * Cancellation} is the side that requests the stop.
 */
@FunctionalInterface
public interface StopSignal {
    /** The stop request, once one was made. */
    Optional<StopRequest> stopRequest();

    /** Whether a stop was requested. */
    default boolean isStopRequested() {
        return stopRequest().isPresent();
    }

    /**
     * Returns if no stop was requested.
     *
     * @throws RunInterruptedException naming the request, if a stop was requested
     */
    default void throwIfStopped() {
        Optional<StopRequest> request = stopRequest();
        if (request.isPresent()) {
            throw new RunInterruptedException(
                    request.get(), "stopped on " + request.get().reason());
        }
    }

    /** A signal that never asks to stop: the default of every option that takes one. */
    static StopSignal never() {
        return Optional::empty;
    }
}
