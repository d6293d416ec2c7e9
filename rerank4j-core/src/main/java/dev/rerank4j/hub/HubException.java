package dev.rerank4j.hub;

import dev.rerank4j.Rerank4jException;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A hub request or a cache look-up failed; {@link #kind()} says why, the message says what to do about it.
 *
 * <p>The kinds follow huggingface_hub's errors ({@code RepositoryNotFoundError}, {@code RevisionNotFoundError},
 * {@code EntryNotFoundError}, {@code GatedRepoError}, {@code LocalEntryNotFoundError}, ...), which the hub signals
 * with the {@code X-Error-Code} response header.
 */
public final class HubException extends Rerank4jException {
    /** Why a request failed. */
    public enum Kind {
        /** The repository does not exist, or is private and the token in use (if any) cannot see it. */
        REPO_NOT_FOUND,
        /** The repository exists but the branch, tag or commit does not. */
        REVISION_NOT_FOUND,
        /** The repository and revision exist but the file does not. */
        ENTRY_NOT_FOUND,
        /** HTTP 401/403 or a gated repository: a (better) token is needed. */
        ACCESS_DENIED,
        /** HTTP 5xx or 429, still failing after the retries. */
        SERVER_ERROR,
        /** Any other unexpected answer (status, missing hub headers, malformed listing). */
        HTTP_ERROR,
        /** Refused, reset or dropped connection, including a body cut short. */
        CONNECTION,
        /** The server stayed silent longer than the timeout. */
        TIMEOUT,
        /** A complete download has the wrong size or SHA-256. */
        CORRUPT_DOWNLOAD,
        /** Offline (or the hub unreachable) and the cache lacks what was asked for. */
        NOT_IN_CACHE,
        /** Reading or writing the cache folder failed. */
        CACHE_IO,
        /** The local folder to upload is missing, empty or unreadable. */
        INVALID_UPLOAD;

        boolean retriable() {
            return this == SERVER_ERROR || this == CONNECTION || this == TIMEOUT;
        }
    }

    private final Kind kind;
    private final int statusCode;

    HubException(Kind kind, String message) {
        this(kind, message, 0, null);
    }

    HubException(Kind kind, String message, Throwable cause) {
        this(kind, message, 0, cause);
    }

    HubException(Kind kind, String message, int statusCode, Throwable cause) {
        super(faultOf(kind), message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.statusCode = statusCode;
    }

    /**
     * A hub answer the user can fix (wrong id, revision or file, missing token, not cached while offline) is bad input;
     * anything else (server errors, dropped connections, timeouts, a corrupt download, cache I/O) a failure.
     */
    private static Fault faultOf(Kind kind) {
        return switch (Objects.requireNonNull(kind, "kind")) {
            case REPO_NOT_FOUND, REVISION_NOT_FOUND, ENTRY_NOT_FOUND, ACCESS_DENIED, NOT_IN_CACHE, INVALID_UPLOAD ->
                Fault.BAD_INPUT;
            default -> Fault.FAILURE;
        };
    }

    /** Why the request failed. */
    public Kind kind() {
        return kind;
    }

    /** The HTTP status of the answer that caused the failure, if there was one. */
    public OptionalInt statusCode() {
        return statusCode == 0 ? OptionalInt.empty() : OptionalInt.of(statusCode);
    }

    /** The same failure with {@code prefix} put before the message. */
    HubException withPrefix(String prefix) {
        HubException copy = new HubException(kind, prefix + getMessage(), statusCode, getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** The same failure with {@code detail} appended to the message. */
    HubException withDetail(String detail) {
        HubException copy = new HubException(kind, getMessage() + detail, statusCode, getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
