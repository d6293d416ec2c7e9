package dev.rerank4j.mining;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The options of {@link HardNegativeMiner#mineHardNegatives}, with sentence-transformers' names, meanings and
 * defaults ({@link #defaults()}); change one with the {@code with*} methods, unset an optional one with the {@code
 * without*} methods.
 *
 * <p>A value class rather than a record so that the five optional settings ({@link #rangeMax()}, {@link #maxScore()},
 * {@link #minScore()}, {@link #absoluteMargin()}, {@link #relativeMargin()}) are {@code OptionalInt}/{@code
 * OptionalDouble} only where they are returned: none of them has a value that could stand for "unset" (every number
 * is a valid score or margin). Equality, hash code and {@code toString} are those of a record of the twelve settings.
 */
public final class MiningOptions {
    private final int rangeMin;
    private final Integer rangeMax; // null: sentence-transformers' default range
    private final Double maxScore; // null: no upper score filter
    private final Double minScore; // null: no lower score filter
    private final Double absoluteMargin; // null: no absolute margin
    private final Double relativeMargin; // null: no relative margin
    private final int numNegatives;
    private final SamplingStrategy sampling;
    private final boolean includePositives;
    private final OutputFormat outputFormat;
    private final boolean outputScores;
    private final int batchSize;

    private MiningOptions(Draft d) {
        Objects.requireNonNull(d.sampling, "sampling");
        Objects.requireNonNull(d.outputFormat, "outputFormat");
        if (d.rangeMin < 0) {
            throw new IllegalArgumentException("rangeMin must be >= 0, got " + d.rangeMin);
        }
        if (d.numNegatives < 1) {
            throw new IllegalArgumentException("numNegatives must be >= 1, got " + d.numNegatives);
        }
        if (d.batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + d.batchSize);
        }
        if (d.rangeMax != null && d.rangeMax < 1) {
            throw new IllegalArgumentException("rangeMax must be >= 1, got " + d.rangeMax);
        }
        finite("maxScore", d.maxScore);
        finite("minScore", d.minScore);
        finite("absoluteMargin", d.absoluteMargin);
        finite("relativeMargin", d.relativeMargin);
        this.rangeMin = d.rangeMin;
        this.rangeMax = d.rangeMax;
        this.maxScore = d.maxScore;
        this.minScore = d.minScore;
        this.absoluteMargin = d.absoluteMargin;
        this.relativeMargin = d.relativeMargin;
        this.numNegatives = d.numNegatives;
        this.sampling = d.sampling;
        this.includePositives = d.includePositives;
        this.outputFormat = d.outputFormat;
        this.outputScores = d.outputScores;
        this.batchSize = d.batchSize;
    }

    private static void finite(String name, Double v) {
        if (v != null && !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + v);
        }
    }

    /** sentence-transformers' defaults: 3 negatives, top sampling, triplets, no filters, batch 32. */
    public static MiningOptions defaults() {
        return new MiningOptions(new Draft());
    }

    /** Skip this many of the best eligible candidates (they may be unlabelled positives). */
    public int rangeMin() {
        return rangeMin;
    }

    /**
     * Consider candidates up to this rank; empty = {@code rangeMin + numNegatives + maxPositives}, or {@code rangeMin
     * + 10 * numNegatives + maxPositives} when a margin or {@code maxScore} is set.
     */
    public OptionalInt rangeMax() {
        return rangeMax == null ? OptionalInt.empty() : OptionalInt.of(rangeMax);
    }

    /** Drop candidates scoring above this; empty = no such filter. */
    public OptionalDouble maxScore() {
        return optional(maxScore);
    }

    /** Drop candidates scoring below this; empty = no such filter. */
    public OptionalDouble minScore() {
        return optional(minScore);
    }

    /** Drop a candidate when {@code score + margin > positive score}; empty = no such filter. */
    public OptionalDouble absoluteMargin() {
        return optional(absoluteMargin);
    }

    /**
     * Drop a candidate when {@code score > positive - |positive| * margin} (the v4.1 sign error fixed); NV-Retriever's
     * TopK-PercPos uses 0.05; empty = no such filter.
     */
    public OptionalDouble relativeMargin() {
        return optional(relativeMargin);
    }

    /** Negatives per anchor, at least 1. */
    public int numNegatives() {
        return numNegatives;
    }

    /** {@link SamplingStrategy.Top} or a seeded {@link SamplingStrategy.Random}. */
    public SamplingStrategy sampling() {
        return sampling;
    }

    /**
     * Keep the positives among the candidates (forces {@link OutputFormat#N_TUPLE}), to build reranking evaluation
     * sets.
     */
    public boolean includePositives() {
        return includePositives;
    }

    /** The shape of the result. */
    public OutputFormat outputFormat() {
        return outputFormat;
    }

    /** Write scores instead of labels ({@code score}/{@code scores} columns). */
    public boolean outputScores() {
        return outputScores;
    }

    /** Texts per forward pass (embedding model and cross-encoder). */
    public int batchSize() {
        return batchSize;
    }

    private static OptionalDouble optional(Double v) {
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** Whether a margin or {@code maxScore} is set: then a cross-encoder rescores and the default range is wider. */
    public boolean rescores() {
        return absoluteMargin != null || relativeMargin != null || maxScore != null;
    }

    /**
     * The range end: {@link #rangeMax()} if set, else sentence-transformers' default for {@code maxPositives}.
     *
     * @throws IllegalArgumentException if the range leaves fewer than {@code numNegatives} candidates
     */
    public int effectiveRangeMax(int maxPositives) {
        int end =
                rangeMax != null ? rangeMax : rangeMin + (rescores() ? 10 * numNegatives : numNegatives) + maxPositives;
        if (end <= rangeMin) {
            throw new IllegalArgumentException("rangeMax must be > rangeMin (" + rangeMin + "), got " + end);
        }
        if (numNegatives > end - rangeMin) {
            throw new IllegalArgumentException("cannot mine " + numNegatives + " negatives per anchor: only "
                    + (end - rangeMin) + " candidates remain after skipping the first rangeMin=" + rangeMin
                    + " of rangeMax=" + end + "; lower numNegatives or rangeMin, or raise rangeMax");
        }
        return end;
    }

    /** The output format actually produced: {@link OutputFormat#N_TUPLE} whenever positives are included. */
    public OutputFormat effectiveFormat() {
        return includePositives ? OutputFormat.N_TUPLE : outputFormat;
    }

    /** The column names of rows mined with these options: the effective format's, for these anchor and positive names. */
    public List<String> columns(String anchorColumn, String positiveColumn) {
        return effectiveFormat().columns(anchorColumn, positiveColumn, numNegatives(), outputScores());
    }

    public MiningOptions withRangeMin(int n) {
        return edit(d -> d.rangeMin = n);
    }

    public MiningOptions withRangeMax(int n) {
        return edit(d -> d.rangeMax = n);
    }

    /** Back to sentence-transformers' default range end (see {@link #rangeMax()}). */
    public MiningOptions withoutRangeMax() {
        return edit(d -> d.rangeMax = null);
    }

    public MiningOptions withMaxScore(double v) {
        return edit(d -> d.maxScore = v);
    }

    public MiningOptions withoutMaxScore() {
        return edit(d -> d.maxScore = null);
    }

    public MiningOptions withMinScore(double v) {
        return edit(d -> d.minScore = v);
    }

    public MiningOptions withoutMinScore() {
        return edit(d -> d.minScore = null);
    }

    public MiningOptions withAbsoluteMargin(double v) {
        return edit(d -> d.absoluteMargin = v);
    }

    public MiningOptions withoutAbsoluteMargin() {
        return edit(d -> d.absoluteMargin = null);
    }

    public MiningOptions withRelativeMargin(double v) {
        return edit(d -> d.relativeMargin = v);
    }

    public MiningOptions withoutRelativeMargin() {
        return edit(d -> d.relativeMargin = null);
    }

    public MiningOptions withNumNegatives(int n) {
        return edit(d -> d.numNegatives = n);
    }

    public MiningOptions withSampling(SamplingStrategy s) {
        return edit(d -> d.sampling = s);
    }

    public MiningOptions withIncludePositives(boolean on) {
        return edit(d -> d.includePositives = on);
    }

    public MiningOptions withOutputFormat(OutputFormat f) {
        return edit(d -> d.outputFormat = f);
    }

    public MiningOptions withOutputScores(boolean on) {
        return edit(d -> d.outputScores = on);
    }

    public MiningOptions withBatchSize(int n) {
        return edit(d -> d.batchSize = n);
    }

    private MiningOptions edit(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return new MiningOptions(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MiningOptions m
                && rangeMin == m.rangeMin
                && Objects.equals(rangeMax, m.rangeMax)
                && Objects.equals(maxScore, m.maxScore)
                && Objects.equals(minScore, m.minScore)
                && Objects.equals(absoluteMargin, m.absoluteMargin)
                && Objects.equals(relativeMargin, m.relativeMargin)
                && numNegatives == m.numNegatives
                && sampling.equals(m.sampling)
                && includePositives == m.includePositives
                && outputFormat == m.outputFormat
                && outputScores == m.outputScores
                && batchSize == m.batchSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                rangeMin,
                rangeMax,
                maxScore,
                minScore,
                absoluteMargin,
                relativeMargin,
                numNegatives,
                sampling,
                includePositives,
                outputFormat,
                outputScores,
                batchSize);
    }

    @Override
    public String toString() {
        return "MiningOptions[rangeMin=" + rangeMin + ", rangeMax=" + rangeMax() + ", maxScore=" + maxScore()
                + ", minScore=" + minScore() + ", absoluteMargin=" + absoluteMargin() + ", relativeMargin="
                + relativeMargin() + ", numNegatives=" + numNegatives + ", sampling=" + sampling
                + ", includePositives=" + includePositives + ", outputFormat=" + outputFormat + ", outputScores="
                + outputScores + ", batchSize=" + batchSize + "]";
    }

    /** The settings while one {@code with*} method changes them; the defaults when new. */
    private static final class Draft {
        int rangeMin = 0;
        Integer rangeMax;
        Double maxScore;
        Double minScore;
        Double absoluteMargin;
        Double relativeMargin;
        int numNegatives = 3;
        SamplingStrategy sampling = SamplingStrategy.top();
        boolean includePositives;
        OutputFormat outputFormat = OutputFormat.TRIPLET;
        boolean outputScores;
        int batchSize = 32;

        Draft() {}

        Draft(MiningOptions o) {
            rangeMin = o.rangeMin;
            rangeMax = o.rangeMax;
            maxScore = o.maxScore;
            minScore = o.minScore;
            absoluteMargin = o.absoluteMargin;
            relativeMargin = o.relativeMargin;
            numNegatives = o.numNegatives;
            sampling = o.sampling;
            includePositives = o.includePositives;
            outputFormat = o.outputFormat;
            outputScores = o.outputScores;
            batchSize = o.batchSize;
        }
    }
}
