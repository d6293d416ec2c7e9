package dev.rerank4j.hub;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A validated repository id, {@code org/name} (or a legacy bare {@code name}), checked with the rules of
 * huggingface_hub's {@code validate_repo_id}, and the kind of repository it names.
 */
record RepoId(String id, RepoType type) {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,94}[A-Za-z0-9_])?");

    RepoId {
        Objects.requireNonNull(id, "repoId must not be null");
        Objects.requireNonNull(type, "type must not be null");
        String[] parts = id.split("/", -1);
        boolean valid = parts.length <= 2
                && !id.contains("--")
                && !id.contains("..")
                && !id.endsWith(".git")
                && PART.matcher(parts[0]).matches()
                && (parts.length == 1 || PART.matcher(parts[1]).matches());
        if (!valid) {
            throw new IllegalArgumentException("repoId must look like 'org/name' (letters, digits, '-', '_' and '.';"
                    + " no '--' or '..'; each part starts and ends with a letter or digit and has at most 96"
                    + " characters), got '" + id + "'");
        }
    }

    /** A model repository id. */
    RepoId(String id) {
        this(id, RepoType.MODEL);
    }

    /** The cache folder name, e.g. {@code models--cross-encoder--ms-marco-MiniLM-L6-v2}. */
    String folderName() {
        return type.plural() + "--" + id.replace("/", "--");
    }

    /** The path of the repository below the endpoint: {@code org/name} or {@code datasets/org/name}. */
    String path() {
        return type.urlPrefix() + id;
    }

    @Override
    public String toString() {
        return type == RepoType.MODEL ? id : "dataset " + id;
    }
}
