package dev.rerank4j.hub;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link HubUploader#upload} sends: every file of a local folder, committed to a hub repository as
 * huggingface_hub's {@code upload_folder} does (the {@code .git} and {@code .cache/huggingface} folders are left out).
 *
 * @param folder the local folder, e.g. a saved model
 * @param repoId the repository, {@code org/name}; created when missing
 * @param type a model or a dataset repository
 * @param revision the branch to commit to, e.g. {@code main}
 * @param visibility of the repository if it has to be created
 * @param commitMessage the commit's summary, not blank
 */
public record UploadRequest(
        Path folder, String repoId, RepoType type, String revision, Visibility visibility, String commitMessage) {
    /** The commit message when none is given. */
    public static final String DEFAULT_COMMIT_MESSAGE = "Upload model using rerank4j";

    public UploadRequest {
        Objects.requireNonNull(folder, "folder must not be null");
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(visibility, "visibility must not be null");
        Objects.requireNonNull(commitMessage, "commitMessage must not be null");
        new RepoId(repoId, type); // validates the id, naming the rules
        Objects.requireNonNull(revision, "revision must not be null");
        RepoCache.pathProblem(revision).ifPresent(problem -> {
            throw new IllegalArgumentException("revision " + problem + ", got '" + revision + "'");
        });
        if (commitMessage.isBlank()) {
            throw new IllegalArgumentException("commitMessage must not be blank");
        }
    }

    /** A model folder to {@code repoId} at {@code main}, default visibility and commit message. */
    public static UploadRequest of(Path folder, String repoId) {
        return new UploadRequest(
                folder, repoId, RepoType.MODEL, HubClient.DEFAULT_REVISION, Visibility.DEFAULT, DEFAULT_COMMIT_MESSAGE);
    }

    public UploadRequest withRevision(String newRevision) {
        return new UploadRequest(folder, repoId, type, newRevision, visibility, commitMessage);
    }

    public UploadRequest withVisibility(Visibility newVisibility) {
        return new UploadRequest(folder, repoId, type, revision, newVisibility, commitMessage);
    }

    public UploadRequest withCommitMessage(String message) {
        return new UploadRequest(folder, repoId, type, revision, visibility, message);
    }
}
