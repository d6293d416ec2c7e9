package dev.rerank4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of {@code config.json} keys for the architectures' config records: an absent or null key takes the
 * given default (transformers' config class default); a key of the wrong type is an {@link IllegalArgumentException}
 * naming it and its value.
 */
public final class ConfigJson {
    /** The mapper of the model directory's JSON files; configured once here, never changed. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode json;

    public ConfigJson(ObjectNode json) {
        this.json = json;
    }

    /** The JSON object read (not a copy). */
    public ObjectNode json() {
        return json;
    }

    /** {@code model_type}, {@code architectures} and the number of labels ({@code num_labels}, else {@code id2label}'s size, else 2). */
    public ConfigHeader header() {
        List<String> archs = new ArrayList<>();
        json.path("architectures").forEach(a -> archs.add(a.asText()));
        int labels = json.has("num_labels")
                ? json.get("num_labels").asInt()
                : json.path("id2label").size() > 0 ? json.path("id2label").size() : 2;
        return new ConfigHeader(text("model_type", ""), archs, labels, json);
    }

    /** A string value. */
    public String text(String key, String fallback) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field \"" + key + "\" must be a string, got " + v);
        }
        return v.asText();
    }

    /** An integer value. */
    public int integer(String key, int fallback) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("field \"" + key + "\" must be an integer, got " + v);
        }
        return v.intValue();
    }

    /** A number, as float. */
    public float decimal(String key, float fallback) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("field \"" + key + "\" must be a number, got " + v);
        }
        return v.floatValue();
    }
}
