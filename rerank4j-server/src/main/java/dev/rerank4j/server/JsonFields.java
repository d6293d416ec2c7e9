package dev.rerank4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict readers of request fields: a field of the wrong JSON type is an {@link ApiError#validation} that names the
 * field, what it must be and what it was (no coercion of {@code "5"} to 5 or of {@code 1} to true).
 */
final class JsonFields {
    private JsonFields() {}

    /** A required string. */
    static String string(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            throw ApiError.validation("missing field `" + field + "` (a string)");
        }
        if (!n.isTextual()) {
            throw ApiError.validation("`" + field + "` must be a string, got " + kind(n));
        }
        return n.textValue();
    }

    /** An optional string; {@code fallback} when missing or null. */
    static String string(JsonNode body, String field, String fallback) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? fallback : string(body, field);
    }

    /**
     * A required array of documents: strings, or (with {@code objectsWithText}) objects with a string {@code text}.
     */
    static List<String> documents(JsonNode body, String field, boolean objectsWithText) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            throw ApiError.validation("missing field `" + field + "` (an array of strings)");
        }
        if (!n.isArray()) {
            throw ApiError.validation("`" + field + "` must be an array of strings, got " + kind(n));
        }
        List<String> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (e.isTextual()) {
                out.add(e.textValue());
            } else if (objectsWithText && e.isObject() && e.path("text").isTextual()) {
                out.add(e.get("text").textValue());
            } else {
                throw ApiError.validation("`" + field + "[" + i + "]` must be a string"
                        + (objectsWithText ? " or an object with a string `text`" : "") + ", got " + kind(e));
            }
        }
        return out;
    }

    /** An optional boolean; {@code fallback} when missing or null. */
    static boolean bool(JsonNode body, String field, boolean fallback) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isBoolean()) {
            throw ApiError.validation("`" + field + "` must be true or false, got " + kind(n));
        }
        return n.booleanValue();
    }

    /** An optional integer >= 1; 0 when missing or null. */
    static int positiveInt(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return 0;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw ApiError.validation("`" + field + "` must be an integer, got " + kind(n));
        }
        if (n.intValue() < 1) {
            throw ApiError.validation("`" + field + "` must be >= 1, got " + n.intValue());
        }
        return n.intValue();
    }

    private static String kind(JsonNode n) {
        String text = n.toString();
        String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
        return switch (n.getNodeType()) {
            case STRING -> "a string (" + shown + ")";
            case NUMBER -> "a number (" + shown + ")";
            case BOOLEAN -> "a boolean (" + shown + ")";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
