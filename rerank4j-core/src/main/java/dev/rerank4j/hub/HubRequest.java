package dev.rerank4j.hub;

import dev.rerank4j.hub.HubException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * What a request was for (repository, revision, file), so that a failure can say so and what to do about it;
 * turns HTTP answers into {@link HubException}s the way huggingface_hub's {@code hf_raise_for_status} does.
 *
 * @param endpoint the hub
 * @param repo the repository
 * @param revision the revision asked for
 * @param filename the file; empty for a repository listing
 * @param hasToken whether a token was sent to the hub
 */
record HubRequest(URI endpoint, RepoId repo, String revision, String filename, boolean hasToken) {
    private static final String OFFLINE_HINT = "; set HF_HUB_OFFLINE=1 to use what is already in the cache";

    /** Describes the target, e.g. {@code 'config.json' of org/name at revision 'main'}. */
    String what() {
        return describe(repo, revision, filename);
    }

    static String describe(RepoId repo, String revision, String filename) {
        String at = repo + " at revision '" + revision + "'";
        return filename.isEmpty() ? at : "'" + filename + "' of " + at;
    }

    HubException httpFailure(int status, HttpHeaders headers, URI url) {
        String code = headers.firstValue("X-Error-Code").orElse("");
        String said = headers.firstValue("X-Error-Message")
                .map(message -> " (hub says: " + message + ")")
                .orElse("");
        String seen = " (HTTP " + status + (code.isEmpty() ? "" : ", " + code) + " from " + HubUrls.redacted(url) + ")"
                + said;
        String page = HubUrls.repoPage(endpoint, repo);
        String tokenAdvice = hasToken
                ? "make sure the token in use (HF_TOKEN, or the token file in HF_HOME) grants read access to " + repo
                : "set HF_TOKEN to an access token with read access (none is set)";
        switch (code) {
            case "RevisionNotFound":
                return new HubException(
                        Kind.REVISION_NOT_FOUND,
                        "revision '" + revision + "' does not exist in " + repo + seen
                                + ": use an existing branch, tag or full 40-character commit hash",
                        status,
                        null);
            case "EntryNotFound":
                return entryNotFound(status, seen);
            case "GatedRepo":
                return new HubException(
                        Kind.ACCESS_DENIED,
                        repo + " is a gated repository" + seen + ": accept its conditions at " + page
                                + " while logged in, then " + tokenAdvice,
                        status,
                        null);
            case "RepoNotFound":
                return repoNotFound(status, seen, tokenAdvice);
            default:
                break;
        }
        if (status == 401 || status == 403) {
            String advice = status == 401 && hasToken
                    ? "the token was rejected; it may be invalid or revoked: set HF_TOKEN to a valid access token"
                    : "the repository is private or gated: " + tokenAdvice + " (for a gated repository, accept its"
                            + " conditions at " + page + " first)";
            return new HubException(
                    Kind.ACCESS_DENIED, "access to " + what() + " denied" + seen + ": " + advice, status, null);
        }
        if (status == 404) {
            return filename.isEmpty() ? repoNotFound(status, seen, tokenAdvice) : entryNotFound(status, seen);
        }
        if (status == 429 || status >= 500) {
            return new HubException(
                    Kind.SERVER_ERROR,
                    (status == 429 ? "the hub is rate-limiting requests for " : "the hub failed to serve ") + what()
                            + seen + ": retry later" + OFFLINE_HINT,
                    status,
                    null);
        }
        return new HubException(Kind.HTTP_ERROR, "unexpected answer for " + what() + seen, status, null);
    }

    HubException connectionFailure(Throwable cause, URI url, Duration timeout) {
        String where = HubUrls.hostAndPort(url);
        if (cause instanceof HttpConnectTimeoutException) {
            return new HubException(
                    Kind.TIMEOUT,
                    "connecting to " + where + " for " + what() + " timed out after " + seconds(timeout)
                            + ": check the network or HF_ENDPOINT" + OFFLINE_HINT,
                    cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new HubException(
                    Kind.TIMEOUT,
                    where + " sent nothing for " + seconds(timeout) + " while serving " + what()
                            + ": retry, or raise HF_HUB_DOWNLOAD_TIMEOUT" + OFFLINE_HINT,
                    cause);
        }
        if (cause instanceof ConnectException) {
            return new HubException(
                    Kind.CONNECTION,
                    "cannot connect to " + where + " for " + what() + " ("
                            + (cause.getMessage() == null ? "connection refused" : cause.getMessage())
                            + "): check the network or"
                            + " HF_ENDPOINT" + OFFLINE_HINT,
                    cause);
        }
        String detail = cause instanceof IOException ? String.valueOf(cause.getMessage()) : cause.toString();
        return new HubException(
                Kind.CONNECTION,
                "the connection to " + where + " failed while fetching " + what() + " (" + detail + "): retry"
                        + OFFLINE_HINT,
                cause);
    }

    private HubException repoNotFound(int status, String seen, String tokenAdvice) {
        return new HubException(
                Kind.REPO_NOT_FOUND,
                "repository " + repo + " not found on " + endpoint + seen + ": check the repo id; if the repository"
                        + " is private or gated, " + tokenAdvice,
                status,
                null);
    }

    private HubException entryNotFound(int status, String seen) {
        return new HubException(
                Kind.ENTRY_NOT_FOUND,
                repo + " has no file '" + filename + "' at revision '" + revision + "'" + seen,
                status,
                null);
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() / 1000.0 + " s";
    }
}
