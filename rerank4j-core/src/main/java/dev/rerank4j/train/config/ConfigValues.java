package dev.rerank4j.train.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Strict conversions of config values: a value that does not read as what its key needs fails with the key (prefixed
 * by where it sits, e.g. {@code train.limit}) and the value, e.g. {@code train.limit must be a whole number >= 0, got
 * "1k"}. Jackson's own {@code asInt()}, {@code asDouble()} and {@code asBoolean()} are never used on config values:
 * they read {@code "1k"} as 0 and {@code "yes please"} as false.
 *
 * <p>Numbers may be written as YAML numbers or as strings that read as one ({@code "5"}); a whole number may be
 * written with a zero fraction ({@code 5.0}), as the training arguments accept. An absent key or a YAML null takes the
 * fallback.
 */
final class ConfigValues {
    private ConfigValues() {}

    /** A whole number in [{@code min}, {@link Integer#MAX_VALUE}] at {@code key}, or the fallback. */
    static int wholeNumber(JsonNode parent, String key, String where, int fallback, int min) {
        JsonNode n = parent.get(key);
        if (absent(n)) {
            return fallback;
        }
        return wholeNumber(n, qualified(where, key), min);
    }

    /** A whole number in [{@code min}, {@link Integer#MAX_VALUE}]; {@code name} is the key in messages. */
    static int wholeNumber(JsonNode n, String name, int min) {
        long v = longValue(n, name, "a whole number >= " + min);
        if (v < min || v > Integer.MAX_VALUE) {
            throw bad(
                    name,
                    "a whole number >= " + min + (v > Integer.MAX_VALUE ? " and <= " + Integer.MAX_VALUE : ""),
                    n);
        }
        return (int) v;
    }

    /** A whole number that fits an {@code int} at {@code key}, or the fallback; the caller checks its range. */
    static int integer(JsonNode parent, String key, String where, int fallback) {
        JsonNode n = parent.get(key);
        if (absent(n)) {
            return fallback;
        }
        long v = longValue(n, qualified(where, key), "a whole number");
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw bad(qualified(where, key), "a whole number of at most " + Integer.MAX_VALUE, n);
        }
        return (int) v;
    }

    /** Any whole number (a seed) at {@code key}, or the fallback. */
    static long longValue(JsonNode parent, String key, String where, long fallback) {
        JsonNode n = parent.get(key);
        return absent(n) ? fallback : longValue(n, qualified(where, key), "a whole number");
    }

    /** A finite number at {@code key}, or the fallback. */
    static double number(JsonNode parent, String key, String where, double fallback) {
        JsonNode n = parent.get(key);
        if (absent(n)) {
            return fallback;
        }
        String name = qualified(where, key);
        double v;
        if (n.isNumber()) {
            v = n.doubleValue();
        } else if (n.isTextual()) {
            try {
                v = Double.parseDouble(n.asText().strip());
            } catch (NumberFormatException e) {
                throw bad(name, "a number", n);
            }
        } else {
            throw bad(name, "a number", n);
        }
        if (!Double.isFinite(v)) {
            throw bad(name, "a finite number", n);
        }
        return v;
    }

    /** {@code true} or {@code false} at {@code key} (a YAML boolean or that text), or the fallback. */
    static boolean bool(JsonNode parent, String key, String where, boolean fallback) {
        JsonNode n = parent.get(key);
        if (absent(n)) {
            return fallback;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        String s = n.isTextual() ? n.asText().strip().toLowerCase(Locale.ROOT) : "";
        if (s.equals("true") || s.equals("false")) {
            return s.equals("true");
        }
        throw bad(qualified(where, key), "true or false", n);
    }

    /** A scalar (string, number or boolean) as text at {@code key}, or the fallback; a list or mapping fails. */
    static String text(JsonNode parent, String key, String where, String fallback) {
        JsonNode n = parent.get(key);
        if (absent(n)) {
            return fallback;
        }
        if (!n.isValueNode()) {
            throw bad(qualified(where, key), "a single value", n);
        }
        return n.asText();
    }

    private static long longValue(JsonNode n, String name, String expected) {
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.longValue();
        }
        double d;
        if (n.isNumber()) {
            d = n.doubleValue();
        } else if (n.isTextual()) {
            String s = n.asText().strip();
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                try {
                    d = Double.parseDouble(s);
                } catch (NumberFormatException e2) {
                    throw bad(name, expected, n);
                }
            }
        } else {
            throw bad(name, expected, n);
        }
        if (d != Math.rint(d) || Math.abs(d) > 9.0e15) {
            throw bad(name, expected, n);
        }
        return (long) d;
    }

    private static boolean absent(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    static String qualified(String where, String key) {
        return where.isEmpty() ? key : where + "." + key;
    }

    /** The value as written: text in quotes, anything else as YAML/JSON. */
    static String show(JsonNode n) {
        return n.isTextual() ? "\"" + n.asText() + "\"" : n.toString();
    }

    private static IllegalArgumentException bad(String name, String expected, JsonNode n) {
        return new IllegalArgumentException(name + " must be " + expected + ", got " + show(n));
    }
}
