package dev.rerank4j.recipe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rerank4j.io.TempPaths;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Files of the run folder: written to a temporary name and moved into place, so none is ever half written. */
final class RunFiles {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RunFiles() {}

    /** Writes a text file atomically. */
    static void writeString(Path file, String text) throws IOException {
        TempPaths.writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a value as indented JSON, atomically. */
    static void writeJson(Path file, Object value) throws IOException {
        writeString(file, JSON.writeValueAsString(value) + "\n");
    }

    /** Writes JSON lines, atomically. */
    static void writeLines(Path file, List<?> values) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            ObjectMapper compact = new ObjectMapper();
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (Object v : values) {
                    w.write(compact.writeValueAsString(v));
                    w.write('\n');
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads JSON lines as values of a type. */
    static <T> List<T> readLines(Path file, Class<T> type) throws IOException {
        List<T> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(JSON.readValue(line, type));
            }
        }
        return out;
    }

    /** Moves a finished folder into place (replacing an older one of the same name). */
    static void publish(Path staging, Path target) throws IOException {
        if (Files.exists(target)) {
            deleteTree(target);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A fresh staging folder next to {@code target}. */
    static Path staging(Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        return Files.createTempDirectory(target.toAbsolutePath().getParent(), "." + target.getFileName() + ".");
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
