package dev.rerank4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.Activation;
import dev.rerank4j.ModelFormatException;
import dev.rerank4j.ParseErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files sentence-transformers v6 keeps beside the Hugging Face ones: {@code config_sentence_transformers.json}
 * (with {@code "model_type": "CrossEncoder"}, the marker v6 reads to load a directory as a cross-encoder),
 * {@code modules.json} and {@code sentence_bert_config.json}, in the exact shape v6's {@code save} writes them.
 */
final class SentenceTransformersFiles {
    /** The sentence-transformers release whose layout rerank4j writes. */
    static final String ST_VERSION = "6.0.0";

    static final String CONFIG = "config_sentence_transformers.json";
    static final String MODULES = "modules.json";
    static final String MODULE_CONFIG = "sentence_bert_config.json";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SentenceTransformersFiles() {}

    /** The {@code activation_fn} saved in {@code config_sentence_transformers.json}, if any. */
    static Optional<String> activation(Path dir) {
        Path file = dir.resolve(CONFIG);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode v = ConfigJson.MAPPER.readTree(file.toFile()).path("activation_fn");
            return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
        } catch (IOException e) {
            throw new ModelFormatException(
                    ParseErrors.describe(file, "not valid JSON", e) + ParseErrors.FIX_MODEL_FILE, e);
        }
    }

    /** The {@code prompts} saved in {@code config_sentence_transformers.json} (name to text), in file order. */
    static Map<String, String> prompts(Path dir) {
        JsonNode prompts = readConfig(dir).path("prompts");
        Map<String, String> out = new LinkedHashMap<>();
        prompts.properties().forEach(e -> {
            if (!e.getValue().isTextual()) {
                throw new ModelFormatException(
                        dir.resolve(CONFIG) + ": prompt \"" + e.getKey() + "\" must be a string, got " + e.getValue());
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }

    /** The {@code default_prompt_name} of {@code config_sentence_transformers.json}, if set. */
    static Optional<String> defaultPromptName(Path dir) {
        JsonNode v = readConfig(dir).path("default_prompt_name");
        return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static JsonNode readConfig(Path dir) {
        Path file = dir.resolve(CONFIG);
        if (!Files.isRegularFile(file)) {
            return NODES.objectNode();
        }
        try {
            return ConfigJson.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelFormatException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
    }

    /** Writes the three sentence-transformers files of a cross-encoder into {@code dir}, without prompts. */
    static void write(Path dir, Activation activation, Map<String, String> versions) throws IOException {
        write(dir, activation, versions, Map.of(), Optional.empty());
    }

    /** Writes the three sentence-transformers files of a cross-encoder into {@code dir}, with its prompts. */
    static void write(
            Path dir,
            Activation activation,
            Map<String, String> versions,
            Map<String, String> prompts,
            Optional<String> defaultPromptName)
            throws IOException {
        ObjectNode config = NODES.objectNode();
        ObjectNode v = config.putObject("__version__");
        versions.forEach(v::put);
        config.put("activation_fn", activation.torchName());
        if (defaultPromptName.isPresent()) {
            config.put("default_prompt_name", defaultPromptName.get());
        } else {
            config.putNull("default_prompt_name");
        }
        config.put("model_type", "CrossEncoder");
        ObjectNode saved = config.putObject("prompts");
        prompts.forEach(saved::put);
        writeJson(dir.resolve(CONFIG), sorted(config), 2);

        ArrayNode modules = NODES.arrayNode();
        modules.addObject()
                .put("idx", 0)
                .put("name", "0")
                .put("path", "")
                .put("type", "sentence_transformers.base.modules.transformer.Transformer");
        writeJson(dir.resolve(MODULES), modules, 2);

        ObjectNode module = NODES.objectNode();
        module.put("transformer_task", "sequence-classification");
        module.putObject("modality_config")
                .putObject("text")
                .put("method", "forward")
                .put("method_output_name", "logits");
        module.put("module_output_name", "scores");
        writeJson(dir.resolve(MODULE_CONFIG), module, 4);
    }

    /** A copy of {@code node} with object keys sorted, as Python's {@code json.dump(sort_keys=True)}. */
    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(String::compareTo);
            ObjectNode out = NODES.objectNode();
            for (String n : names) {
                out.set(n, sorted(node.get(n)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                out.add(sorted(it.next()));
            }
            return out;
        }
        return node;
    }

    /** Writes JSON indented by {@code indent} spaces, with a final newline. */
    static void writeJson(Path file, JsonNode node, int indent) throws IOException {
        Files.writeString(file, PythonJson.format(node, indent) + "\n", StandardCharsets.UTF_8);
    }
}
