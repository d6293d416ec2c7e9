package dev.rerank4j;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stop request that any thread can make (a signal handler, a server shutting down) and a long run polls through
 * its {@link StopSignal} side. The first request wins; later ones change nothing. Thread-safe.
 */
public final class Cancellation implements StopSignal {
    private final AtomicReference<StopRequest> request = new AtomicReference<>();

    /**
     * Asks the run to stop at its next safe point.
     *
     * @return true for the first request, false if a stop was already requested
     */
    public boolean requestStop(StopRequest stop) {
        return request.compareAndSet(null, Objects.requireNonNull(stop, "stop"));
    }

    @Override
    public Optional<StopRequest> stopRequest() {
        return Optional.ofNullable(request.get());
    }
}
