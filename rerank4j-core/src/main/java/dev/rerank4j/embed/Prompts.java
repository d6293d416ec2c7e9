package dev.rerank4j.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.ModelFormatException;
import dev.rerank4j.ParseErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The prompts a sentence-transformers model declares in {@code config_sentence_transformers.json}
 * ({@code "prompts": {"query": "query: ", ...}} and {@code "default_prompt_name"}), and the rule that picks one.
 * Immutable; equal when the prompts (in file order) and the default name are.
 */
public final class Prompts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DOCUMENT_NAMES = List.of("document", "passage", "corpus");

    private final Map<String, String> byName;
    private final String defaultName; // null: none

    /**
     * Prompts without a default name.
     *
     * @param byName prompt texts by name, in file order
     */
    public Prompts(Map<String, String> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        this.defaultName = null;
    }

    /**
     * @param byName prompt texts by name, in file order
     * @param defaultName the default prompt name
     */
    public Prompts(Map<String, String> byName, String defaultName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        this.defaultName = Objects.requireNonNull(defaultName, "defaultName");
    }

    /** No prompts. */
    public static Prompts none() {
        return new Prompts(Map.of());
    }

    /** Prompt texts by name, in file order. */
    public Map<String, String> byName() {
        return byName;
    }

    /** The default prompt name, if the model declares one. */
    public Optional<String> defaultName() {
        return Optional.ofNullable(defaultName);
    }

    /** Reads the prompts of a model directory; none when the file or the keys are absent. */
    public static Prompts read(Path modelDir) {
        Path file = modelDir.resolve("config_sentence_transformers.json");
        if (!Files.isRegularFile(file)) {
            return none();
        }
        try {
            JsonNode c = JSON.readTree(file.toFile());
            Map<String, String> prompts = new LinkedHashMap<>();
            c.path("prompts")
                    .properties()
                    .forEach(e -> prompts.put(e.getKey(), e.getValue().asText()));
            JsonNode d = c.get("default_prompt_name");
            return d == null || d.isNull() ? new Prompts(prompts) : new Prompts(prompts, d.asText());
        } catch (IOException e) {
            throw new ModelFormatException(
                    ParseErrors.describe(file, "not valid JSON", e) + ParseErrors.FIX_MODEL_FILE, e);
        }
    }

    /**
     * The prompt to prepend when none is given, as sentence-transformers v6's {@code encode_query}/{@code
     * encode_document} choose it: the role's conventional name ({@code query}; {@code document}, {@code passage} or
     * {@code corpus}) if declared; else the default prompt; else none ({@code ""}).
     */
    public String resolve(PromptRole role) {
        List<String> conventional = role == PromptRole.QUERY ? List.of("query") : DOCUMENT_NAMES;
        for (String n : conventional) {
            if (byName.containsKey(n)) {
                return byName.get(n);
            }
        }
        return defaultName == null ? "" : byName.getOrDefault(defaultName, "");
    }

    /**
     * The prompt of a given name (sentence-transformers' {@code prompt_name}); an explicit prompt text needs no
     * lookup and wins over both.
     *
     * @throws IllegalArgumentException if {@code name} is not declared
     */
    public String named(String name) {
        String p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("prompt name \"" + name + "\" is not among the model's prompts "
                    + byName.keySet() + " (config_sentence_transformers.json)");
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prompts other
                && byName.equals(other.byName)
                && Objects.equals(defaultName, other.defaultName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(byName, defaultName);
    }

    @Override
    public String toString() {
        return "Prompts[byName=" + byName + ", defaultName=" + defaultName + "]";
    }
}
