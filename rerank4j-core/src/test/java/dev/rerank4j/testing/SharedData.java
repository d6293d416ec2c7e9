package dev.rerank4j.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The team's shared datasets and golden files beside the repository ({@code ../shared}), located through the system
 * property {@code rerank4j.shared.dir} that Surefire sets. A missing file fails the test: nothing is skipped.
 */
public final class SharedData {
    private SharedData() {}

    /** The shared folder. */
    public static Path root() {
        String dir = System.getProperty("rerank4j.shared.dir", "../shared");
        Path root = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("the shared data folder " + root + " is missing; the tests read"
                    + " datasets and golden files there (set -Drerank4j.shared.dir=...)");
        }
        return root;
    }

    /** A file or folder under the shared folder, which must exist. */
    public static Path path(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("missing shared file " + p);
        }
        return p;
    }
}
