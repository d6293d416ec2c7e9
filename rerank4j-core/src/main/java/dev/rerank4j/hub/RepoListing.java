package dev.rerank4j.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.hub.HubException.Kind;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The answer of {@code GET /api/models/{repo}/revision/{revision}}: the commit the revision resolves to and the
 * repository's files ({@code sha} and {@code siblings[].rfilename} in the JSON).
 *
 * @param commit the commit hash
 * @param files every file's path in the repository, in the hub's order
 */
record RepoListing(String commit, List<String> files) {
    private static final ObjectMapper JSON = new ObjectMapper();

    RepoListing {
        Objects.requireNonNull(commit, "commit must not be null");
        files = List.copyOf(files);
    }

    static RepoListing parse(byte[] body, HubRequest request, URI url) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw malformed(request, url, "not JSON (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw malformed(request, url, "not a JSON object");
        }
        JsonNode sha = root.path("sha");
        if (!sha.isTextual() || !RepoCache.isSafeName(sha.asText())) {
            throw malformed(request, url, "no usable \"sha\" (got " + sha + ")");
        }
        JsonNode siblings = root.path("siblings");
        if (!siblings.isArray()) {
            throw malformed(request, url, "no \"siblings\" list");
        }
        List<String> files = new ArrayList<>();
        for (JsonNode sibling : siblings) {
            JsonNode name = sibling.path("rfilename");
            if (!name.isTextual()) {
                throw malformed(request, url, "a sibling without \"rfilename\": " + sibling);
            }
            String file = name.asText();
            RepoCache.pathProblem(file).ifPresent(problem -> {
                throw malformed(request, url, "unusable file name '" + file + "' (" + problem + ")");
            });
            files.add(file);
        }
        return new RepoListing(sha.asText(), files);
    }

    private static HubException malformed(HubRequest request, URI url, String problem) {
        return new HubException(
                Kind.HTTP_ERROR,
                "the listing of " + request.what() + " from " + HubUrls.redacted(url) + " is malformed: " + problem
                        + "; is HF_ENDPOINT a Hugging Face hub?");
    }
}
