package dev.rerank4j.loss;

import dev.rerank4j.model.Activation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Losses by name, as a training config file names them: {@code loss: BinaryCrossEntropyLoss}, or with
 * hyperparameters {@code loss: {name: BinaryCrossEntropyLoss, pos_weight: 5}}. {@link #toMap} writes the same shape,
 * so a checkpoint's loss reads back with {@link #parse}.
 */
public final class LossConfigs {
    /** The loss names this version knows. */
    public static final List<String> NAMES = List.of(BinaryCrossEntropyLoss.NAME, CrossEntropyLoss.NAME, MSELoss.NAME);

    private LossConfigs() {}

    /** sentence-transformers' default: BinaryCrossEntropyLoss for one label, CrossEntropyLoss otherwise. */
    public static LossConfig defaultFor(int numLabels) {
        return numLabels == 1 ? new BinaryCrossEntropyLoss() : new CrossEntropyLoss();
    }

    /**
     * A loss from its name and hyperparameters (sentence-transformers' argument names).
     *
     * @throws IllegalArgumentException naming the known losses or parameters when one is unknown, or the bad value
     */
    public static LossConfig parse(Map<String, ?> spec) {
        Object name = spec.get("name");
        if (!(name instanceof String n)) {
            throw new IllegalArgumentException("loss needs a name (one of " + String.join(", ", NAMES) + "), got "
                    + (name == null ? "none" : name));
        }
        Map<String, Object> params = new LinkedHashMap<>(spec);
        params.remove("name");
        return switch (n) {
            case BinaryCrossEntropyLoss.NAME -> {
                allow(n, params, Set.of("activation_fn", "pos_weight"));
                yield new BinaryCrossEntropyLoss(activation(n, params), number(n, params, "pos_weight", 1.0));
            }
            case CrossEntropyLoss.NAME -> {
                allow(n, params, Set.of("activation_fn"));
                yield new CrossEntropyLoss(activation(n, params));
            }
            case MSELoss.NAME -> {
                allow(n, params, Set.of("activation_fn"));
                yield new MSELoss(activation(n, params));
            }
            default ->
                throw new IllegalArgumentException(
                        "unknown loss \"" + n + "\"; known losses: " + String.join(", ", NAMES));
        };
    }

    /** A loss by name alone, with its defaults. */
    public static LossConfig parse(String name) {
        return parse(Map.of("name", name));
    }

    /** The loss as {@code {name, ...configDict}}: what {@link #parse} reads. */
    public static Map<String, Object> toMap(LossConfig loss) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", loss.name());
        m.putAll(loss.configDict());
        return m;
    }

    private static void allow(String loss, Map<String, Object> params, Set<String> known) {
        for (String key : params.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown parameter \"" + key + "\" for loss " + loss
                        + "; its parameters: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    private static Activation activation(String loss, Map<String, Object> params) {
        Object v = params.get("activation_fn");
        if (v == null) {
            return Activation.IDENTITY;
        }
        return Activation.fromName(v.toString())
                .orElseThrow(() -> new IllegalArgumentException(loss + ".activation_fn must be one of "
                        + List.of(Activation.values()) + " (or a torch class name such as torch.nn.Sigmoid), got \""
                        + v + "\""));
    }

    private static double number(String loss, Map<String, Object> params, String key, double fallback) {
        Object v = params.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(loss + "." + key + " must be a number, got \"" + v + "\"", e);
        }
    }
}
