package dev.rerank4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's shared data folder ({@code rerank4j.shared.dir}, set by surefire); tests fail if it is absent. */
public final class SharedData {
    private SharedData() {}

    public static Path dir() {
        String property = System.getProperty("rerank4j.shared.dir");
        assertThat(property)
                .as("system property rerank4j.shared.dir (set by surefire)")
                .isNotBlank();
        Path dir = Path.of(property);
        assertThat(Files.isDirectory(dir)).as("shared folder %s exists", dir).isTrue();
        return dir;
    }

    public static Path dataset(String name) {
        Path dir = dir().resolve("datasets").resolve(name);
        assertThat(Files.isDirectory(dir)).as("dataset folder %s exists", dir).isTrue();
        return dir;
    }
}
