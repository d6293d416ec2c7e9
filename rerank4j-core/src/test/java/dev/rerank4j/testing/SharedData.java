package dev.rerank4j.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The team's real datasets beside the repository ({@code ../shared}), for the tests of the data suite
 * ({@link DataSuite}) only. Maven's {@code data} profile sets the system property {@code rerank4j.shared.dir} for
 * that suite alone; the default suite has no such property, so a test that reads shared data without being tagged
 * fails here instead of quietly depending on {@code ../shared}. A missing folder or file fails the test: nothing is
 * skipped.
 */
public final class SharedData {
    /** The system property naming the shared folder. */
    public static final String PROPERTY = "rerank4j.shared.dir";

    private SharedData() {}

    /** The shared folder, which must exist. */
    public static Path root() {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException(
                    "system property " + PROPERTY + " is not set: tests that read the team's"
                            + " datasets belong to the data suite (annotate them @DataSuite) and run with ./mvnw verify -Pdata");
        }
        Path root = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("the shared data folder " + root + " (" + PROPERTY + ") is missing;"
                    + " the data suite reads the team's datasets there");
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

    /** The folder of one dataset, {@code datasets/<name>}, which must exist. */
    public static Path dataset(String name) {
        Path dir = path("datasets/" + name);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("dataset " + dir + " is not a folder");
        }
        return dir;
    }
}
