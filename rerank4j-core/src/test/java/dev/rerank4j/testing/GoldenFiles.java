package dev.rerank4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The golden test vectors computed with sentence-transformers ({@code golden/losses}, {@code golden/metrics},
 * {@code golden/manifest.json}), committed as test resources of rerank4j-core. The environment variable
 * {@code RERANK4J_GOLDEN_DIR} points the parity tests at another folder of the same schema, laid out as
 * {@code golden/} (with {@code losses/} and {@code metrics/} inside) or as one of those folders itself.
 */
public final class GoldenFiles {
    /** The environment variable that replaces the committed vectors. */
    public static final String OVERRIDE = "RERANK4J_GOLDEN_DIR";

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenFiles() {}

    /**
     * The JSON case files of one kind ({@code "losses"} or {@code "metrics"}), sorted by name; never empty. Read from
     * {@code $RERANK4J_GOLDEN_DIR} when it is set, else from the committed resources, whose manifest must list
     * exactly the files found.
     */
    public static List<Path> cases(String kind) {
        return cases(kind, System.getenv());
    }

    static List<Path> cases(String kind, Map<String, String> env) {
        String override = env.get(OVERRIDE);
        Path folder;
        if (override != null && !override.isBlank()) {
            Path golden = Path.of(override);
            folder = Files.isDirectory(golden.resolve(kind)) ? golden.resolve(kind) : golden;
        } else {
            folder = committed().resolve(kind);
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("golden " + kind + " folder " + folder + " does not exist");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no golden " + kind + " cases (*.json) in " + folder);
        }
        if (override == null || override.isBlank()) {
            checkAgainstManifest(kind, files);
        }
        return files;
    }

    /** The committed {@code golden/} folder on the test classpath. */
    public static Path committed() {
        URL url = GoldenFiles.class.getResource("/golden/manifest.json");
        if (url == null) {
            throw new IllegalStateException("golden/manifest.json is not on the test classpath");
        }
        if (!"file".equals(url.getProtocol())) {
            throw new IllegalStateException("golden files must be read from a folder, not " + url + "; set " + OVERRIDE
                    + " to a copy of rerank4j-core/src/test/resources/golden");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad resource URL " + url, e);
        }
    }

    /** The committed files are exactly the manifest's cases: a lost or stray file fails the parity test. */
    private static void checkAgainstManifest(String kind, List<Path> files) {
        String key = switch (kind) {
            case "losses" -> "loss_cases";
            case "metrics" -> "metric_cases";
            default -> throw new IllegalArgumentException("kind must be losses or metrics, got " + kind);
        };
        JsonNode manifest;
        Path file = committed().resolve("manifest.json");
        try {
            manifest = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<String> listed = new ArrayList<>();
        manifest.path(key).forEach(c -> listed.add(c.asText() + ".json"));
        List<String> found = files.stream().map(p -> p.getFileName().toString()).toList();
        if (!found.stream().sorted().toList().equals(listed.stream().sorted().toList())) {
            throw new IllegalStateException(file + " lists " + listed.size() + " " + key + " but " + files.size()
                    + " files were found: " + found);
        }
    }
}
