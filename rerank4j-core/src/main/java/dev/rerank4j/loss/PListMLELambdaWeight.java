package dev.rerank4j.loss;

import java.util.Objects;

/**
 * The position weights of {@link PListMLELoss}, sentence-transformers' {@code PListMLELambdaWeight}: position r
 * (0-based) of a list of n documents weighs {@code rankDiscount.weight(r, n)}, by default {@code 2^(n - r) - 1}; the
 * loss normalises the weights of each list to sum 1.
 *
 * <p>A custom discount (sentence-transformers' {@code rank_discount_fn}) is not recorded in the configuration, as in
 * sentence-transformers; a loss read back from a checkpoint uses the default.
 *
 * @param rankDiscount the weight of each position
 */
public record PListMLELambdaWeight(RankDiscount rankDiscount) {
    /** The fully qualified Python name sentence-transformers records. */
    public static final String FULL_NAME = "sentence_transformers.cross_encoder.losses.plist_mle.PListMLELambdaWeight";

    /** The weight of a position. */
    @FunctionalInterface
    public interface RankDiscount {
        /**
         * @param rank the position, 0-based
         * @param listLength the number of documents in the list
         */
        double weight(int rank, int listLength);
    }

    /** sentence-transformers' default discount, {@code 2^(n - r) - 1}. */
    public static final RankDiscount DEFAULT_DISCOUNT = (rank, n) -> Math.pow(2.0, n - rank) - 1.0;

    public PListMLELambdaWeight {
        Objects.requireNonNull(rankDiscount, "rankDiscount");
    }

    /** The default weights. */
    public PListMLELambdaWeight() {
        this(DEFAULT_DISCOUNT);
    }
}
