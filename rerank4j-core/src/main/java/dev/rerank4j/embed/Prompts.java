package dev.rerank4j.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The prompts a sentence-transformers model declares in {@code config_sentence_transformers.json}
 * ({@code "prompts": {"query": "query: ", ...}} and {@code "default_prompt_name"}), and the rule that picks one.
 *
 * @param byName prompt texts by name, in file order
 * @param defaultName the default prompt name, or empty
 */
public record Prompts(Map<String, String> byName, Optional<String> defaultName) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DOCUMENT_NAMES = List.of("document", "passage", "corpus");

    public Prompts {
        byName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        Objects.requireNonNull(defaultName, "defaultName");
    }

    /** No prompts. */
    public static Prompts none() {
        return new Prompts(Map.of(), Optional.empty());
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
            return new Prompts(prompts, d == null || d.isNull() ? Optional.empty() : Optional.of(d.asText()));
        } catch (IOException e) {
            throw new ModelFormatException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The prompt to prepend, as sentence-transformers v6's {@code encode_query}/{@code encode_document} choose it: an
     * explicit prompt; else the named one; else the role's conventional name ({@code query}; {@code document},
     * {@code passage} or {@code corpus}) if declared; else the default prompt; else none.
     *
     * @param prompt an explicit prompt text, or empty
     * @param name a prompt name, or empty
     * @throws IllegalArgumentException if {@code name} is not declared
     */
    public String resolve(PromptRole role, Optional<String> prompt, Optional<String> name) {
        if (prompt.isPresent()) {
            return prompt.get();
        }
        if (name.isPresent()) {
            String p = byName.get(name.get());
            if (p == null) {
                throw new IllegalArgumentException(
                        "prompt name \"" + name.get() + "\" is not among the model's prompts " + byName.keySet()
                                + " (config_sentence_transformers.json)");
            }
            return p;
        }
        List<String> conventional = role == PromptRole.QUERY ? List.of("query") : DOCUMENT_NAMES;
        for (String n : conventional) {
            if (byName.containsKey(n)) {
                return byName.get(n);
            }
        }
        return defaultName.map(byName::get).orElse("");
    }
}
