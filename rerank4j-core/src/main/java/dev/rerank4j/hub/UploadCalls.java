package dev.rerank4j.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.hub.HubException.Kind;
import dev.rerank4j.hub.UploadHttp.Answer;
import java.io.IOException;
import java.net.URI;

/**
 * The URLs of an upload to one repository and revision, as huggingface_hub builds them, and the reading of the hub's
 * answers: JSON bodies, and errors turned into {@link HubException}s that say what to do.
 */
record UploadCalls(URI endpoint, RepoId repo, String revision) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code {endpoint}/api/repos/create}. */
    URI createRepo() {
        return URI.create(endpoint + "/api/repos/create");
    }

    /** {@code {endpoint}/api/{type}s/{repo}} ({@code repo_info} without a revision). */
    URI repoInfo() {
        return URI.create(endpoint + "/api/" + repo.type().plural() + "/" + repo.id());
    }

    /** {@code {endpoint}/api/{type}s/{repo}/preupload/{revision}}, the revision quoted with {@code safe=""}. */
    URI preupload() {
        return URI.create(endpoint + "/api/" + repo.type().plural() + "/" + repo.id() + "/preupload/"
                + HubUrls.quote(revision, false));
    }

    /** {@code {endpoint}/api/{type}s/{repo}/commit/{revision}}, the revision quoted with {@code safe=""}. */
    URI commit() {
        return URI.create(endpoint + "/api/" + repo.type().plural() + "/" + repo.id() + "/commit/"
                + HubUrls.quote(revision, false));
    }

    /** {@code {endpoint}/{prefix}{repo}.git/info/lfs/objects/batch}, the git LFS batch API. */
    URI lfsBatch() {
        return URI.create(endpoint + "/" + repo.path() + ".git/info/lfs/objects/batch");
    }

    /** The JSON body of a successful answer. */
    JsonNode json(Answer answer, String what) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new HubException(
                    Kind.HTTP_ERROR,
                    "the hub's answer to " + what + " is not JSON (" + e.getMessage() + ")",
                    answer.status(),
                    e);
        }
    }

    /** An unexpected answer as a failure; 401 and 403 say how to get a token with write access. */
    HubException failure(Answer answer, String what, boolean hasToken) {
        int status = answer.status();
        String code = answer.header("X-Error-Code");
        String seen = " (HTTP " + status + (code.isEmpty() ? "" : ", " + code) + ")" + UploadHttp.snippet(answer);
        if (status == 401) {
            return new HubException(
                    Kind.ACCESS_DENIED,
                    "the hub refused the token for " + what + seen + ": "
                            + (hasToken ? "it is invalid, expired or revoked; " : "")
                            + "set HF_TOKEN (or --token) to an access token with write access (" + endpoint
                            + "/settings/tokens)",
                    status,
                    null);
        }
        if (status == 403) {
            return new HubException(
                    Kind.ACCESS_DENIED,
                    "the token may not write to " + repo + seen + " during "
                            + what + ": use a token with write access to " + namespace()
                            + " (a fine-grained token needs"
                            + " \"write\" on that repository or organization)",
                    status,
                    null);
        }
        if (status == 404 && code.equals("RevisionNotFound")) {
            return new HubException(
                    Kind.REVISION_NOT_FOUND,
                    "branch '" + revision + "' does not exist in " + repo + seen
                            + ": push to an existing branch (e.g. main) or create it first",
                    status,
                    null);
        }
        if (status == 404) {
            return new HubException(
                    Kind.REPO_NOT_FOUND,
                    "repository " + repo + " not found during " + what + seen
                            + ": check the repo id and that the token can see it",
                    status,
                    null);
        }
        if (status == 429 || status >= 500) {
            return new HubException(Kind.SERVER_ERROR, "the hub failed " + what + seen + ": retry later", status, null);
        }
        return new HubException(Kind.HTTP_ERROR, "unexpected answer to " + what + seen, status, null);
    }

    private String namespace() {
        int slash = repo.id().indexOf('/');
        return slash < 0 ? "your account" : repo.id().substring(0, slash);
    }
}
