package dev.rerank4j.loss;

import dev.rerank4j.Activation;
import dev.rerank4j.model.ClosestName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Losses by name, as a training config file names them: {@code loss: LambdaLoss}, or with hyperparameters {@code loss:
 * {name: LambdaLoss, weighting_scheme: NDCGLoss2PPScheme, k: 10}}; parameters are sentence-transformers' argument
 * names, and null is Python's None. {@link #toMap} writes the same shape, so a checkpoint's loss reads back with
 * {@link #parse}.
 */
public final class LossConfigs {
    private static final Map<String, Function<LossParams, LossConfig>> PARSERS = parsers();

    /** The loss names this version knows. */
    public static final List<String> NAMES = List.copyOf(PARSERS.keySet());

    private LossConfigs() {}

    private static Map<String, Function<LossParams, LossConfig>> parsers() {
        Map<String, Function<LossParams, LossConfig>> m = new LinkedHashMap<>();
        m.put(
                BinaryCrossEntropyLoss.NAME,
                p -> new BinaryCrossEntropyLoss(p.activation(Activation.IDENTITY), p.number("pos_weight", 1.0)));
        m.put(CrossEntropyLoss.NAME, p -> new CrossEntropyLoss(p.activation(Activation.IDENTITY)));
        m.put(MSELoss.NAME, p -> new MSELoss(p.activation(Activation.IDENTITY)));
        m.put(MarginMSELoss.NAME, MarginMSELoss::parse);
        m.put(MultipleNegativesRankingLoss.NAME, MultipleNegativesRankingLoss::parse);
        m.put(CachedMultipleNegativesRankingLoss.NAME, CachedMultipleNegativesRankingLoss::parse);
        m.put(ListNetLoss.NAME, ListNetLoss::parse);
        m.put(ListMLELoss.NAME, ListMLELoss::parse);
        m.put(PListMLELoss.NAME, PListMLELoss::parse);
        m.put(LambdaLoss.NAME, LambdaLoss::parse);
        m.put(RankNetLoss.NAME, RankNetLoss::parse);
        m.put(ADRMSELoss.NAME, ADRMSELoss::parse);
        return Collections.unmodifiableMap(m);
    }

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
        String simple = n.substring(n.lastIndexOf('.') + 1);
        Function<LossParams, LossConfig> parser = PARSERS.get(simple);
        if (parser == null) {
            throw new IllegalArgumentException(
                    "unknown loss \"" + n + "\"" + suggestion(simple) + "; known losses: " + String.join(", ", NAMES));
        }
        Map<String, Object> params = new LinkedHashMap<>(spec);
        params.remove("name");
        LossParams p = new LossParams(simple, params);
        LossConfig loss = parser.apply(p);
        p.finish();
        return loss;
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

    /** {@code " (did you mean X?)"} for the known name closest to {@code name} (or {@code name + "Loss"}), if close. */
    private static String suggestion(String name) {
        return NAMES.stream()
                .filter(known -> known.equalsIgnoreCase(name + "Loss"))
                .findFirst()
                .or(() -> ClosestName.among(name, NAMES, Math.max(2, name.length() / 4)))
                .map(known -> " (did you mean " + known + "?)")
                .orElse("");
    }
}
