package dev.rerank4j.hub;

import java.util.List;
import java.util.Objects;

/**
 * What an upload did.
 *
 * @param repoId the repository
 * @param revision the branch committed to
 * @param commitOid the commit the branch points to now (the new one, or the existing head when nothing changed)
 * @param commitUrl the commit's web page; empty when nothing changed
 * @param committed the files in the commit, in repository paths
 * @param lfsUploaded the files whose content went to LFS storage (the rest of {@code committed} went inline, or their
 *     content was on the hub already)
 * @param unchanged the files skipped because the hub already holds them as they are
 */
public record UploadResult(
        String repoId,
        String revision,
        String commitOid,
        String commitUrl,
        List<String> committed,
        List<String> lfsUploaded,
        List<String> unchanged) {
    public UploadResult {
        Objects.requireNonNull(repoId, "repoId");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(commitOid, "commitOid");
        Objects.requireNonNull(commitUrl, "commitUrl");
        committed = List.copyOf(committed);
        lfsUploaded = List.copyOf(lfsUploaded);
        unchanged = List.copyOf(unchanged);
    }

    /** Whether a commit was made (false when every file was already on the hub as it is). */
    public boolean changed() {
        return !committed.isEmpty();
    }
}
