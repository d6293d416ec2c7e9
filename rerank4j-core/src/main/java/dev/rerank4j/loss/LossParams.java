package dev.rerank4j.loss;

import dev.rerank4j.Activation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * A loss's hyperparameters as a config file gives them (sentence-transformers' argument names). Each loss reads the
 * keys it knows with a typed getter; {@link #finish()} then rejects any key no getter asked for, naming the loss's
 * parameters. A key given as null is Python's {@code None}.
 */
final class LossParams {
    private final String loss;
    private final Map<String, Object> values;
    private final Set<String> known = new TreeSet<>();

    LossParams(String loss, Map<String, ?> values) {
        this.loss = loss;
        this.values = new LinkedHashMap<>(values);
    }

    /** Whether the key is given (possibly as null). */
    boolean has(String key) {
        known.add(key);
        return values.containsKey(key);
    }

    /** The value as given, or null when absent or null. */
    Object raw(String key) {
        known.add(key);
        return values.get(key);
    }

    Activation activation(Activation fallback) {
        Object v = raw("activation_fn");
        if (v == null) {
            return fallback;
        }
        return Activation.fromName(v.toString())
                .orElseThrow(() -> new IllegalArgumentException(loss + ".activation_fn must be one of "
                        + List.of(Activation.values()) + " (or a torch class name such as torch.nn.Sigmoid), got \""
                        + v + "\""));
    }

    double number(String key, double fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(loss + "." + key + " must be a number, got \"" + v + "\"", e);
        }
    }

    int integer(String key, int fallback) {
        Object v = raw(key);
        return v == null ? fallback : toInt(key, v);
    }

    /**
     * An integer that may be None: absent gives {@code fallback}, given as null gives null (None). Package-internal:
     * the losses keep None as a null field and return it as an empty {@code OptionalInt}.
     */
    Integer integerOrNone(String key, Integer fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object v = values.get(key);
        return v == null ? null : toInt(key, v);
    }

    boolean flag(String key, boolean fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().strip().toLowerCase();
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException(loss + "." + key + " must be true or false, got \"" + v + "\"");
    }

    String text(String key, String fallback) {
        Object v = raw(key);
        return v == null ? fallback : v.toString();
    }

    /** Fails on keys that no getter read. */
    void finish() {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown parameter \"" + key + "\" for loss " + loss
                        + "; its parameters: " + (known.isEmpty() ? "none" : String.join(", ", known)));
            }
        }
    }

    String loss() {
        return loss;
    }

    private int toInt(String key, Object v) {
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else {
            try {
                d = Double.parseDouble(v.toString().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(loss + "." + key + " must be an integer, got \"" + v + "\"", e);
            }
        }
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(loss + "." + key + " must be an integer, got " + v);
        }
        return (int) d;
    }

    /** A nullable setting ("None") as the optional value the public accessors return. */
    static OptionalInt optional(Integer valueOrNull) {
        return valueOrNull == null ? OptionalInt.empty() : OptionalInt.of(valueOrNull);
    }
}
