package dev.rerank4j.hub;

import dev.rerank4j.hub.HubException.Kind;
import java.nio.file.Path;

/**
 * Downloads one blob into a temporary {@code .incomplete} file next to it, checks its size and (for LFS files) its
 * SHA-256, and only then renames it to its blob name; on any failure the temporary file is deleted, so the cache
 * never holds a partial file under a real name.
 */
final class BlobDownload {
    private BlobDownload() {}

    static void run(
            HubHttp hub,
            RepoCache cache,
            HubRequest request,
            FileMetadata metadata,
            Path blob,
            DownloadListener listener) {
        cache.tagHubCache();
        Path incomplete = cache.newIncompleteBlob(metadata.etag());
        boolean published = false;
        try {
            HubHttp.Downloaded downloaded =
                    hub.download(metadata.location(), request, incomplete, metadata.size(), listener);
            verify(downloaded, metadata, request);
            cache.publishBlob(incomplete, blob);
            published = true;
        } finally {
            if (!published) {
                RepoCache.deleteQuietly(incomplete);
            }
        }
    }

    private static void verify(HubHttp.Downloaded downloaded, FileMetadata metadata, HubRequest request) {
        if (metadata.size() >= 0 && downloaded.bytes() != metadata.size()) {
            throw new HubException(
                    Kind.CORRUPT_DOWNLOAD,
                    "received " + downloaded.bytes() + " bytes for " + request.what() + " but the hub announced "
                            + metadata.size() + " (X-Linked-Size/Content-Length): the transfer was altered or cut;"
                            + " retry, and check any proxy in between");
        }
        if (metadata.isSha256() && !metadata.etag().equals(downloaded.sha256())) {
            throw new HubException(
                    Kind.CORRUPT_DOWNLOAD,
                    "the SHA-256 of " + request.what() + " is " + downloaded.sha256() + " but the hub says "
                            + metadata.etag() + ": the download is corrupt; retry, and check any proxy in between");
        }
    }
}
