package dev.rerank4j;

import java.util.Objects;

/**
 * The one base of rerank4j's own exceptions. Its {@link #fault()} says whose the problem is: {@link Fault#BAD_INPUT}
 * (a file, a model directory, a flag or a request the user can fix: the message names it and says how) or
 * {@link Fault#FAILURE} (something that went wrong that the input did not cause: a network error, a full disk, a
 * bug) or {@link Fault#INTERRUPTED} (a requested stop, see {@link RunInterruptedException}). Front ends map it without knowing the subclass: the command line exits with 2 for bad input and 1 for a
 * failure; a server answers 4xx or 5xx.
 */
public class Rerank4jException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Whose problem an exception reports. */
    public enum Fault {
        /** Bad input the user can fix: the message names the file, line, field or parameter and how to fix it. */
        BAD_INPUT,
        /** A failure the input did not cause. */
        FAILURE,
        /** The run was asked to stop (a signal, a cancelled request) and stopped at a safe point. */
        INTERRUPTED
    }

    private final Fault fault;

    /** An exception with a message and the fault it reports. */
    public Rerank4jException(Fault fault, String message) {
        super(message);
        this.fault = Objects.requireNonNull(fault, "fault");
    }

    /** Same, keeping the exception that detected the problem. */
    public Rerank4jException(Fault fault, String message, Throwable cause) {
        super(message, cause);
        this.fault = Objects.requireNonNull(fault, "fault");
    }

    /** Whose problem this is. */
    public Fault fault() {
        return fault;
    }

    /** Whether this reports bad input the user can fix ({@link Fault#BAD_INPUT}). */
    public boolean isUserError() {
        return fault == Fault.BAD_INPUT;
    }
}
