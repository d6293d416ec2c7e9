package dev.rerank4j.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.ModelFormatException;
import dev.rerank4j.ParseErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One row of a sentence-transformers {@code modules.json}: {@code {"idx": 0, "name": "0", "path": "", "type":
 * "sentence_transformers.models.Transformer"}}.
 *
 * @param idx position in the pipeline
 * @param path the module's folder relative to the model directory ({@code ""} = the directory itself)
 * @param type the Python class, e.g. {@code sentence_transformers.models.Pooling}
 */
record ModuleEntry(int idx, String path, String type) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The module kinds rerank4j runs. */
    enum Kind {
        TRANSFORMER,
        POOLING,
        NORMALIZE,
        STATIC_EMBEDDING
    }

    /** The kind, from the class name's last part (any package: v2-v5 {@code models.X} and v6 module paths alike). */
    Kind kind(Path file) {
        String simple = type.substring(type.lastIndexOf('.') + 1);
        return switch (simple) {
            case "Transformer" -> Kind.TRANSFORMER;
            case "Pooling" -> Kind.POOLING;
            case "Normalize" -> Kind.NORMALIZE;
            case "StaticEmbedding" -> Kind.STATIC_EMBEDDING;
            default ->
                throw new ModelFormatException(
                        file + ": module " + idx + " has type " + type
                                + ", which rerank4j does not run (supported: Transformer, Pooling, Normalize, StaticEmbedding)");
        };
    }

    /** The entries of {@code modules.json}, sorted by {@code idx}. */
    static List<ModuleEntry> read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelFormatException(
                    ParseErrors.describe(file, "not valid JSON", e) + ParseErrors.FIX_MODEL_FILE, e);
        }
        if (!root.isArray() || root.isEmpty()) {
            throw new ModelFormatException(file + ": expected a non-empty JSON array of modules");
        }
        List<ModuleEntry> out = new ArrayList<>();
        for (JsonNode m : root) {
            if (!m.path("type").isTextual()) {
                throw new ModelFormatException(file + ": a module lacks its \"type\": " + m);
            }
            out.add(new ModuleEntry(
                    m.path("idx").asInt(out.size()),
                    m.path("path").asText(""),
                    m.get("type").asText()));
        }
        out.sort(Comparator.comparingInt(ModuleEntry::idx));
        return out;
    }

    /** Whether a directory holds {@code modules.json}. */
    static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve("modules.json"));
    }
}
