package dev.rerank4j.loss;

import java.util.List;
import java.util.Map;

/**
 * How {@link LambdaLoss} weights a pair of documents at predicted positions i and j (0-based), given the normalised
 * gains {@code G} of the documents in predicted order and the discounts {@code D_p = log2(2 + p)}; the names and
 * formulas are sentence-transformers' ({@code sentence_transformers.cross_encoder.losses.lambda_loss}), from Wang et
 * al., "The LambdaLoss Framework for Ranking Metric Optimization" (CIKM 2018).
 */
public sealed interface WeightingScheme
        permits WeightingScheme.NoWeightingScheme,
                WeightingScheme.NDCGLoss1Scheme,
                WeightingScheme.NDCGLoss2Scheme,
                WeightingScheme.LambdaRankScheme,
                WeightingScheme.NDCGLoss2PPScheme {
    /** The class names, as a config file gives them. */
    List<String> NAMES =
            List.of("NoWeightingScheme", "NDCGLoss1Scheme", "NDCGLoss2Scheme", "LambdaRankScheme", "NDCGLoss2PPScheme");

    /** The sentence-transformers class name, e.g. {@code NDCGLoss2PPScheme}. */
    String name();

    /** The fully qualified Python name sentence-transformers' {@code get_config_dict} records. */
    default String fullName() {
        return "sentence_transformers.cross_encoder.losses.lambda_loss." + name();
    }

    /**
     * Whether every pair of real documents counts, including i = j and pairs whose labels are tied or reversed
     * (only {@link NDCGLoss1Scheme}); otherwise only pairs with {@code label_i > label_j}.
     */
    default boolean keepsAllPairs() {
        return false;
    }

    /**
     * The weight of the pair at predicted positions i and j.
     *
     * @param gain the normalised gains in predicted order
     * @param discount {@code log2(2 + p)} for every position p
     */
    double weight(int i, int j, double[] gain, double[] discount);

    /** RankNet: every pair weighs 1. */
    record NoWeightingScheme() implements WeightingScheme {
        @Override
        public String name() {
            return "NoWeightingScheme";
        }

        @Override
        public double weight(int i, int j, double[] gain, double[] discount) {
            return 1.0;
        }
    }

    /** {@code G_i / D_i}; keeps every pair (so ties and the diagonal enter the mean). Not recommended. */
    record NDCGLoss1Scheme() implements WeightingScheme {
        @Override
        public String name() {
            return "NDCGLoss1Scheme";
        }

        @Override
        public boolean keepsAllPairs() {
            return true;
        }

        @Override
        public double weight(int i, int j, double[] gain, double[] discount) {
            return gain[i] / discount[i];
        }
    }

    /** {@code |1/D(|i-j|) - 1/D(|i-j|+1)| |G_i - G_j|} with {@code D(d) = log2(1 + d)}. */
    record NDCGLoss2Scheme() implements WeightingScheme {
        @Override
        public String name() {
            return "NDCGLoss2Scheme";
        }

        @Override
        public double weight(int i, int j, double[] gain, double[] discount) {
            int d = Math.abs(i - j);
            // discount[d - 1] = log2(1 + d); the reference reads the last discount for d = 0, a pair never selected
            double near = discount[d == 0 ? discount.length - 1 : d - 1];
            return Math.abs(1.0 / near - 1.0 / discount[d]) * Math.abs(gain[i] - gain[j]);
        }
    }

    /** LambdaRank: {@code |1/D_i - 1/D_j| |G_i - G_j|}. */
    record LambdaRankScheme() implements WeightingScheme {
        @Override
        public String name() {
            return "LambdaRankScheme";
        }

        @Override
        public double weight(int i, int j, double[] gain, double[] discount) {
            return Math.abs(1.0 / discount[i] - 1.0 / discount[j]) * Math.abs(gain[i] - gain[j]);
        }
    }

    /**
     * NDCG-Loss2++: {@code mu * NDCGLoss2 + LambdaRank}, the default of {@link LambdaLoss}.
     *
     * @param mu the weight of the NDCGLoss2 term (sentence-transformers: 10)
     */
    record NDCGLoss2PPScheme(double mu) implements WeightingScheme {
        public NDCGLoss2PPScheme {
            if (!Double.isFinite(mu) || mu < 0) {
                throw new IllegalArgumentException("mu must be a finite number >= 0, got " + mu);
            }
        }

        /** sentence-transformers' default, mu = 10. */
        public NDCGLoss2PPScheme() {
            this(10.0);
        }

        @Override
        public String name() {
            return "NDCGLoss2PPScheme";
        }

        @Override
        public double weight(int i, int j, double[] gain, double[] discount) {
            return mu * new NDCGLoss2Scheme().weight(i, j, gain, discount)
                    + new LambdaRankScheme().weight(i, j, gain, discount);
        }
    }

    /**
     * A scheme by name: a class name ({@code NDCGLoss2PPScheme}, also fully qualified) or {@code {name:
     * NDCGLoss2PPScheme, mu: 5}}.
     *
     * @param mu the mu given beside the name, or NaN
     * @throws IllegalArgumentException naming the known schemes
     */
    static WeightingScheme parse(Object spec, double mu) {
        Object name = spec;
        double m = mu;
        if (spec instanceof Map<?, ?> map) {
            name = map.get("name");
            for (Object key : map.keySet()) {
                if (!key.equals("name") && !key.equals("mu")) {
                    throw new IllegalArgumentException(
                            "unknown weighting_scheme parameter \"" + key + "\"; its parameters: name, mu");
                }
            }
            if (map.get("mu") != null) {
                try {
                    m = Double.parseDouble(map.get("mu").toString());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "weighting_scheme.mu must be a number, got \"" + map.get("mu") + "\"", e);
                }
            }
        }
        String s = String.valueOf(name);
        String simple = s.substring(s.lastIndexOf('.') + 1);
        if (!Double.isNaN(m) && !simple.equals("NDCGLoss2PPScheme")) {
            throw new IllegalArgumentException("mu is a parameter of NDCGLoss2PPScheme only, not of " + simple);
        }
        return switch (simple) {
            case "NoWeightingScheme" -> new NoWeightingScheme();
            case "NDCGLoss1Scheme" -> new NDCGLoss1Scheme();
            case "NDCGLoss2Scheme" -> new NDCGLoss2Scheme();
            case "LambdaRankScheme" -> new LambdaRankScheme();
            case "NDCGLoss2PPScheme" -> Double.isNaN(m) ? new NDCGLoss2PPScheme() : new NDCGLoss2PPScheme(m);
            default ->
                throw new IllegalArgumentException(
                        "weighting_scheme must be one of " + String.join(", ", NAMES) + ", got \"" + s + "\"");
        };
    }
}
