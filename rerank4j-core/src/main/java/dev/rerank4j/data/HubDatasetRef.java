package dev.rerank4j.data;

import java.util.Objects;

/**
 * A dataset on the Hugging Face hub, as {@code datasets.load_dataset(repoId, config, split=split, revision=revision)}
 * names it.
 *
 * @param repoId e.g. {@code sentence-transformers/gooaq}
 * @param config the configuration (subset), e.g. {@code pair}; empty = the default one
 * @param split e.g. {@code train}
 * @param revision a branch, tag or commit, usually {@code main}
 */
public record HubDatasetRef(String repoId, String config, String split, String revision) {
    public HubDatasetRef {
        Objects.requireNonNull(repoId, "repoId");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(revision, "revision");
        if (split == null || split.isBlank()) {
            throw new IllegalArgumentException("split must be named (e.g. train), got '" + split + "'");
        }
    }

    /** The default configuration's split at revision {@code main}. */
    public static HubDatasetRef of(String repoId, String split) {
        return new HubDatasetRef(repoId, "", split, "main");
    }

    /** A name for messages and model cards: {@code org/name} plus the config and split. */
    public String displayName() {
        return repoId + (config.isEmpty() ? "" : "/" + config) + ":" + split;
    }
}
