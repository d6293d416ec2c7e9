package dev.rerank4j.loss;

import java.util.Optional;

/** Reading label values: numbers, booleans (1/0) and numeric strings (CSV/TSV cells). */
final class Labels {
    private Labels() {}

    /** The value as a float; see {@link #number}. */
    static float scalar(Object v) {
        return number(v)
                .orElseThrow(() -> new IllegalArgumentException("not a number: " + v))
                .floatValue();
    }

    /** The value as a number, if it is one (a boolean is 1 or 0, a string is parsed). */
    static Optional<Double> number(Object v) {
        if (v instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        if (v instanceof Boolean b) {
            return Optional.of(b ? 1.0 : 0.0);
        }
        if (v instanceof String s) {
            try {
                return Optional.of(Double.parseDouble(s.strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Describes a value for messages: {@code "abc" (a string)}. */
    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        String kind = v instanceof String
                ? "a string"
                : v instanceof java.util.List
                        ? "a list"
                        : "a " + v.getClass().getSimpleName().toLowerCase();
        String text = String.valueOf(v);
        return (v instanceof String ? "\"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"" : text)
                + " (" + kind + ")";
    }
}
