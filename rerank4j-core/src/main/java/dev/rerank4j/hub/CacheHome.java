package dev.rerank4j.hub;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where rerank4j keeps what it computes itself (the offline MiniLM directory, cached BM25 first stages, embedding
 * caches): {@code RERANK4J_HOME}, else {@code $XDG_CACHE_HOME/rerank4j}, else {@code ~/.cache/rerank4j}. Hub
 * downloads go to the huggingface_hub cache instead (see {@link HubOptions}).
 */
public final class CacheHome {
    private CacheHome() {}

    /** The folder for this process's environment. */
    public static Path rerank4j() {
        return rerank4j(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The folder for a given environment and home directory. */
    public static Path rerank4j(Map<String, String> env, Path userHome) {
        String home = env.get("RERANK4J_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : userHome.resolve(".cache");
        return base.resolve("rerank4j");
    }
}
