package dev.rerank4j.mining;

import java.util.Objects;
import java.util.Optional;

/**
 * Which columns of a mining input are the anchor and the positive. Unnamed, the input must have exactly two columns,
 * taken in order (sentence-transformers' default); naming one takes the other of two.
 */
public final class MiningColumns {
    private static final MiningColumns IN_ORDER = new MiningColumns(null, null);

    private final String anchor;
    private final String positive;

    private MiningColumns(String anchor, String positive) {
        this.anchor = anchor;
        this.positive = positive;
    }

    /** The two columns of a two-column input, in order. */
    public static MiningColumns inOrder() {
        return IN_ORDER;
    }

    /** Both columns by name. */
    public static MiningColumns of(String anchor, String positive) {
        return inOrder().withAnchor(anchor).withPositive(positive);
    }

    /** The anchor column named. */
    public MiningColumns withAnchor(String name) {
        return new MiningColumns(Objects.requireNonNull(name, "anchor column"), positive);
    }

    /** The positive column named. */
    public MiningColumns withPositive(String name) {
        return new MiningColumns(anchor, Objects.requireNonNull(name, "positive column"));
    }

    /** The anchor column, if named. */
    public Optional<String> anchor() {
        return Optional.ofNullable(anchor);
    }

    /** The positive column, if named. */
    public Optional<String> positive() {
        return Optional.ofNullable(positive);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MiningColumns c && Objects.equals(anchor, c.anchor) && Objects.equals(positive, c.positive);
    }

    @Override
    public int hashCode() {
        return Objects.hash(anchor, positive);
    }

    @Override
    public String toString() {
        return "MiningColumns[anchor=" + anchor + ", positive=" + positive + "]";
    }
}
