package dev.rerank4j;

import java.util.Objects;

/**
 * Why a run was asked to stop, and the exit status a command-line program reports for it.
 *
 * @param reason what asked, e.g. {@code SIGTERM}; not blank
 * @param exitStatus the process exit status of a run stopped this way, e.g. 143 (128 + 15) for SIGTERM; in [0, 255]
 */
public record StopRequest(String reason, int exitStatus) {
    public StopRequest {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("reason must not be blank");
        }
        if (exitStatus < 0 || exitStatus > 255) {
            throw new IllegalArgumentException("exitStatus must be in [0, 255], got " + exitStatus);
        }
    }

    /** The request of a POSIX signal: its name ({@code SIGINT}) and the shell's status for it, 128 + its number. */
    public static StopRequest signal(String name, int number) {
        if (number < 1 || number > 127) {
            throw new IllegalArgumentException("signal number must be in [1, 127], got " + number);
        }
        return new StopRequest(name, 128 + number);
    }
}
