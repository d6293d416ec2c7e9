package dev.rerank4j.hub;

/** Whether a {@link HubClient} may open connections. */
public enum NetworkMode {
    /** Ask the hub which commit a revision points to, and download what the cache lacks. */
    ONLINE,
    /**
     * Never open a connection: answer from the cache only, like {@code HF_HUB_OFFLINE=1} in huggingface_hub.
     */
    OFFLINE
}
