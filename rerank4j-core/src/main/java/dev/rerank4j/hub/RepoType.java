package dev.rerank4j.hub;

/** The kinds of hub repositories rerank4j downloads from; they differ in URLs and cache folder names only. */
public enum RepoType {
    /** A model: {@code {endpoint}/{id}/resolve/...}, cached under {@code models--org--name}. */
    MODEL("models", ""),
    /** A dataset: {@code {endpoint}/datasets/{id}/resolve/...}, cached under {@code datasets--org--name}. */
    DATASET("datasets", "datasets/");

    private final String plural;
    private final String urlPrefix;

    RepoType(String plural, String urlPrefix) {
        this.plural = plural;
        this.urlPrefix = urlPrefix;
    }

    /** {@code models} or {@code datasets}: the API path segment and the cache folder prefix. */
    String plural() {
        return plural;
    }

    /** What comes between the endpoint and the id in file URLs: nothing for models, {@code datasets/} otherwise. */
    String urlPrefix() {
        return urlPrefix;
    }
}
