package dev.rerank4j.hub;

import dev.rerank4j.hub.HubException.Kind;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.Optional;

/**
 * What a HEAD on a file's resolve URL says, read like huggingface_hub's {@code get_hf_file_metadata}: the commit
 * from {@code X-Repo-Commit}, the blob name from {@code X-Linked-Etag} (LFS files) else {@code ETag}, with {@code
 * W/} and quotes stripped, the size from {@code X-Linked-Size} else {@code Content-Length}, and where to download
 * from ({@code Location} of a redirect to a CDN, else the URL itself).
 *
 * @param commit the commit hash the revision resolved to
 * @param etag the blob name: git SHA-1 of a regular file, SHA-256 of an LFS file
 * @param size the file's size in bytes, or -1 when the server did not say
 * @param location where to GET the body
 */
record FileMetadata(String commit, String etag, long size, URI location) {
    FileMetadata {
        Objects.requireNonNull(commit, "commit must not be null");
        Objects.requireNonNull(etag, "etag must not be null");
        Objects.requireNonNull(location, "location must not be null");
    }

    static FileMetadata from(HttpResponse<?> head, HubRequest request) {
        HttpHeaders headers = head.headers();
        String commit = headers.firstValue("X-Repo-Commit")
                .map(String::strip)
                .filter(RepoCache::isSafeName)
                .orElseThrow(() -> notAHub(request, head, "no usable X-Repo-Commit header"));
        String etag = headers.firstValue("X-Linked-Etag")
                .or(() -> headers.firstValue("ETag"))
                .map(FileMetadata::normalizeEtag)
                .filter(RepoCache::isSafeName)
                .orElseThrow(() -> notAHub(request, head, "no usable ETag or X-Linked-Etag header"));
        long size = headers.firstValue("X-Linked-Size")
                .or(() -> headers.firstValue("Content-Length"))
                .flatMap(FileMetadata::parseSize)
                .orElse(-1L);
        URI location = headers.firstValue("Location")
                .flatMap(target -> HubUrls.follow(head.uri(), target))
                .orElse(head.uri());
        return new FileMetadata(commit, etag, size, location);
    }

    /** {@code W/"abc"} and {@code "abc"} become {@code abc}. */
    static String normalizeEtag(String etag) {
        String value = etag.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        return value.replaceAll("^\"+|\"+$", "");
    }

    /** Whether the etag is an LFS SHA-256, which the downloaded bytes must hash to. */
    boolean isSha256() {
        return etag.matches("[0-9a-f]{64}");
    }

    private static Optional<Long> parseSize(String value) {
        try {
            long size = Long.parseLong(value.strip());
            return size >= 0 ? Optional.of(size) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static HubException notAHub(HubRequest request, HttpResponse<?> head, String problem) {
        return new HubException(
                Kind.HTTP_ERROR,
                "the answer for " + request.what() + " from " + HubUrls.redacted(head.uri()) + " (HTTP "
                        + head.statusCode() + ") has " + problem + ": is HF_ENDPOINT a Hugging Face hub, or is a proxy"
                        + " in the way?",
                head.statusCode(),
                null);
    }
}
