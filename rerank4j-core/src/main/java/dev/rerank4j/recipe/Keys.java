package dev.rerank4j.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.rerank4j.model.ClosestName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Strict reading of recipe values: an unknown key fails with the closest known one, a value of the wrong type with
 * its dotted key and the value as written. An absent key or a YAML null takes the fallback.
 */
final class Keys {
    private Keys() {}

    /** Fails on the first key of {@code n} that is not among {@code known}. */
    static void check(JsonNode n, String where, List<String> known) {
        if (n.isMissingNode()) {
            return;
        }
        n.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                String in = where.isEmpty() ? "the recipe" : where;
                throw new IllegalArgumentException("unknown key \"" + k + "\" in " + in
                        + ClosestName.among(k, known, Math.max(2, k.length() / 3))
                                .map(c -> " (did you mean \"" + c + "\"?)")
                                .orElse("")
                        + "; known: " + String.join(", ", known));
            }
        });
    }

    /** The mapping at {@code key}, or a missing node when absent; anything else fails. */
    static JsonNode section(JsonNode parent, String key) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            return MissingNode.getInstance();
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException(key + " must be a mapping of keys to values, got " + show(n));
        }
        return n;
    }

    static boolean present(JsonNode parent, String key) {
        JsonNode n = parent.get(key);
        return n != null && !n.isNull() && !n.isMissingNode();
    }

    static String text(JsonNode parent, String key, String where, String fallback) {
        if (!present(parent, key)) {
            return fallback;
        }
        JsonNode n = parent.get(key);
        if (!n.isValueNode()) {
            throw bad(where, key, "a single value", n);
        }
        return n.asText();
    }

    static double number(JsonNode parent, String key, String where, double fallback) {
        if (!present(parent, key)) {
            return fallback;
        }
        JsonNode n = parent.get(key);
        double v;
        if (n.isNumber()) {
            v = n.doubleValue();
        } else {
            try {
                v = n.isTextual() ? Double.parseDouble(n.asText().strip()) : Double.NaN;
            } catch (NumberFormatException e) {
                v = Double.NaN;
            }
        }
        if (!Double.isFinite(v)) {
            throw bad(where, key, "a number", n);
        }
        return v;
    }

    static long longValue(JsonNode parent, String key, String where, long fallback) {
        if (!present(parent, key)) {
            return fallback;
        }
        double v = number(parent, key, where, 0);
        if (v != Math.rint(v) || Math.abs(v) > 9.0e15) {
            throw bad(where, key, "a whole number", parent.get(key));
        }
        return (long) v;
    }

    static int whole(JsonNode parent, String key, String where, int fallback, int min) {
        if (!present(parent, key)) {
            return fallback;
        }
        long v = longValue(parent, key, where, fallback);
        if (v < min || v > Integer.MAX_VALUE) {
            throw bad(where, key, "a whole number >= " + min, parent.get(key));
        }
        return (int) v;
    }

    static boolean bool(JsonNode parent, String key, String where, boolean fallback) {
        if (!present(parent, key)) {
            return fallback;
        }
        JsonNode n = parent.get(key);
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        String s = n.isTextual() ? n.asText().strip().toLowerCase(Locale.ROOT) : "";
        if (s.equals("true") || s.equals("false")) {
            return s.equals("true");
        }
        throw bad(where, key, "true or false", n);
    }

    /** A list of strings (a single string counts as a list of one). */
    static List<String> strings(JsonNode parent, String key, String where) {
        if (!present(parent, key)) {
            return List.of();
        }
        JsonNode n = parent.get(key);
        if (n.isTextual()) {
            return List.of(n.asText());
        }
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            for (JsonNode e : n) {
                if (!e.isValueNode()) {
                    throw bad(where, key, "a list of names", n);
                }
                out.add(e.asText());
            }
            return out;
        }
        throw bad(where, key, "a list of names", n);
    }

    private static IllegalArgumentException bad(String where, String key, String expected, JsonNode n) {
        return new IllegalArgumentException(
                (where.isEmpty() ? key : where + "." + key) + " must be " + expected + ", got " + show(n));
    }

    private static String show(JsonNode n) {
        return n.isTextual() ? "\"" + n.asText() + "\"" : n.toString();
    }
}
