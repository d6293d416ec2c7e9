package dev.rerank4j;

import java.util.Objects;

/**
 * A run stopped at a safe point because a stop was requested ({@link StopSignal#throwIfStopped()}). Its native memory
 * was released and its files are whole; the message says where it stopped. A command-line program exits with
 * {@link StopRequest#exitStatus()} (130 for SIGINT, 143 for SIGTERM). Its fault is {@link Fault#INTERRUPTED}.
 */
public class RunInterruptedException extends Rerank4jException {
    private static final long serialVersionUID = 1L;

    private final transient StopRequest request;

    public RunInterruptedException(StopRequest request, String message) {
        super(Fault.INTERRUPTED, message);
        this.request = Objects.requireNonNull(request, "request");
    }

    /** What asked the run to stop. */
    public StopRequest request() {
        return request;
    }
}
