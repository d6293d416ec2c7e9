package dev.rerank4j.mining;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shape of a mined dataset, as sentence-transformers' {@code output_format}. Column names use the input's anchor
 * and positive column names.
 */
public enum OutputFormat {
    /** {@code (anchor, positive, negative)}: one row per negative; with scores, {@code scores: [pos, neg]}. */
    TRIPLET("triplet"),
    /**
     * {@code (anchor, positive, negative_1, ..., negative_n)}: one row per (anchor, positive) that got all {@code n}
     * negatives; with scores, {@code scores: [pos, neg_1, ..., neg_n]}.
     */
    N_TUPLE("n-tuple"),
    /** {@code (anchor, positive, label)}: each anchor's positives (label 1), then its negatives (0); or {@code score}. */
    LABELED_PAIR("labeled-pair"),
    /**
     * {@code (anchor, positive: [pos, neg_1, ...], labels: [1, 0, ...])}: one row per (anchor, positive) with at least
     * one negative; or {@code scores}.
     */
    LABELED_LIST("labeled-list");

    private final String configName;

    OutputFormat(String configName) {
        this.configName = configName;
    }

    /** The sentence-transformers name, e.g. {@code labeled-pair}. */
    public String configName() {
        return configName;
    }

    /** The format with this sentence-transformers name (case-insensitive; underscores allowed). */
    public static OutputFormat fromName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('_', '-');
        for (OutputFormat f : values()) {
            if (f.configName.equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "output format must be one of triplet, n-tuple, labeled-pair," + " labeled-list; got \"" + name + "\"");
    }

    /** The column names, in order. */
    public List<String> columns(String anchor, String positive, int numNegatives, boolean scores) {
        List<String> c = new ArrayList<>(List.of(anchor, positive));
        switch (this) {
            case TRIPLET -> {
                c.add("negative");
                if (scores) {
                    c.add("scores");
                }
            }
            case N_TUPLE -> {
                for (int i = 1; i <= numNegatives; i++) {
                    c.add("negative_" + i);
                }
                if (scores) {
                    c.add("scores");
                }
            }
            case LABELED_PAIR -> c.add(scores ? "score" : "label");
            case LABELED_LIST -> c.add(scores ? "scores" : "labels");
        }
        return List.copyOf(c);
    }
}
