package dev.rerank4j.train.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rerank4j.ParseErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A training config file as a tree: read from YAML or JSON (JSON is YAML), with command-line overrides applied by
 * dotted key ({@code learning_rate}, {@code train_dataset.path}, {@code loss.pos_weight}); each override's value is
 * read as a YAML scalar, so {@code 3e-5}, {@code true} and {@code [a, b]} have their types. Dashes in keys count as
 * underscores ({@code --learning-rate}).
 */
final class ConfigTree {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigTree() {}

    /**
     * Reads a config file and applies the overrides.
     *
     * @throws IllegalArgumentException naming the file and line for a syntax error, or the key for a bad override
     */
    static ObjectNode read(Path file, Map<String, String> overrides) throws IOException {
        JsonNode root;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such config file");
        }
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    ParseErrors.describe(file, "not valid YAML/JSON", e)
                            + "; fix the syntax there (indentation, a missing ':', quote or closing bracket)",
                    e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = YAML.createObjectNode();
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(file + ": the config must be a mapping of names to values, got a "
                    + root.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        ObjectNode tree = (ObjectNode) root;
        overrides.forEach((key, value) -> override(tree, key, value));
        return tree;
    }

    /** Sets {@code a.b.c} to a value read as YAML, creating mappings on the way. */
    static void override(ObjectNode tree, String dottedKey, String value) {
        String[] parts = dottedKey.replace('-', '_').split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child instanceof ObjectNode o) {
                node = o;
            } else if (child != null && child.isTextual() && parts[i].equals("loss")) {
                // loss: BinaryCrossEntropyLoss, then --loss.pos_weight 5: the name becomes {name: ...}
                ObjectNode o = node.putObject(parts[i]);
                o.put("name", child.asText());
                node = o;
            } else if (child != null && child.isTextual() && parts[i].endsWith("_dataset")) {
                // train_dataset: train.tsv, then --train_dataset.limit 10: the path becomes {path: ...}
                ObjectNode o = node.putObject(parts[i]);
                o.put("path", child.asText());
                node = o;
            } else {
                node = node.putObject(parts[i]);
            }
        }
        JsonNode parsed;
        try {
            parsed = value.isEmpty() ? YAML.getNodeFactory().textNode("") : YAML.readTree(value);
        } catch (JsonProcessingException e) {
            parsed = YAML.getNodeFactory().textNode(value);
        }
        node.set(parts[parts.length - 1], parsed == null ? YAML.getNodeFactory().nullNode() : parsed);
    }

    /** The node's value as a plain Java value (strings, numbers, booleans, lists, maps, null). */
    static Object plain(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isTextual()) {
            return n.asText();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isArray()) {
            List<Object> out = new ArrayList<>();
            n.forEach(e -> out.add(plain(e)));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), plain(e.getValue())));
        return out;
    }

    /** A list of strings at {@code key} of a mapping (a single string counts as a list of one). */
    static List<String> strings(JsonNode parent, String key, String where) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (n.isTextual()) {
            return List.of(n.asText());
        }
        if (!n.isArray()) {
            throw new IllegalArgumentException(where + "." + key + " must be a list of names, got " + n);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isValueNode()) {
                throw new IllegalArgumentException(where + "." + key + " must be a list of names, got " + n);
            }
            out.add(e.asText());
        }
        return out;
    }
}
