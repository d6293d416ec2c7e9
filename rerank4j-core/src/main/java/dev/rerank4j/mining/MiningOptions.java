package dev.rerank4j.mining;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The options of {@link HardNegativeMiner#mineHardNegatives}, with sentence-transformers' names, meanings and
 * defaults ({@link #defaults()}); change one with the {@code with*} methods.
 *
 * @param rangeMin skip this many of the best eligible candidates (they may be unlabelled positives)
 * @param rangeMax consider candidates up to this rank; empty = {@code rangeMin + numNegatives + maxPositives}, or
 *     {@code rangeMin + 10 * numNegatives + maxPositives} when a margin or {@code maxScore} is set
 * @param maxScore drop candidates scoring above this
 * @param minScore drop candidates scoring below this
 * @param absoluteMargin drop a candidate when {@code score + margin > positive score}
 * @param relativeMargin drop a candidate when {@code score > positive - |positive| * margin} (the v4.1 sign error
 *     fixed); NV-Retriever's TopK-PercPos uses 0.05
 * @param numNegatives negatives per anchor, at least 1
 * @param sampling {@link SamplingStrategy.Top} or a seeded {@link SamplingStrategy.Random}
 * @param includePositives keep the positives among the candidates (forces {@link OutputFormat#N_TUPLE}), to build
 *     reranking evaluation sets
 * @param outputFormat the shape of the result
 * @param outputScores write scores instead of labels ({@code score}/{@code scores} columns)
 * @param batchSize texts per forward pass (embedding model and cross-encoder)
 */
public record MiningOptions(
        int rangeMin,
        OptionalInt rangeMax,
        OptionalDouble maxScore,
        OptionalDouble minScore,
        OptionalDouble absoluteMargin,
        OptionalDouble relativeMargin,
        int numNegatives,
        SamplingStrategy sampling,
        boolean includePositives,
        OutputFormat outputFormat,
        boolean outputScores,
        int batchSize) {

    public MiningOptions {
        Objects.requireNonNull(rangeMax, "rangeMax");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(outputFormat, "outputFormat");
        if (rangeMin < 0) {
            throw new IllegalArgumentException("rangeMin must be >= 0, got " + rangeMin);
        }
        if (numNegatives < 1) {
            throw new IllegalArgumentException("numNegatives must be >= 1, got " + numNegatives);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (rangeMax.isPresent() && rangeMax.getAsInt() < 1) {
            throw new IllegalArgumentException("rangeMax must be >= 1, got " + rangeMax.getAsInt());
        }
        finite("maxScore", maxScore);
        finite("minScore", minScore);
        finite("absoluteMargin", absoluteMargin);
        finite("relativeMargin", relativeMargin);
    }

    private static void finite(String name, OptionalDouble v) {
        Objects.requireNonNull(v, name);
        if (v.isPresent() && !Double.isFinite(v.getAsDouble())) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + v.getAsDouble());
        }
    }

    /** sentence-transformers' defaults: 3 negatives, top sampling, triplets, no filters, batch 32. */
    public static MiningOptions defaults() {
        return new MiningOptions(
                0,
                OptionalInt.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                OptionalDouble.empty(),
                3,
                SamplingStrategy.top(),
                false,
                OutputFormat.TRIPLET,
                false,
                32);
    }

    /** Whether a margin or {@code maxScore} is set: then a cross-encoder rescores and the default range is wider. */
    public boolean rescores() {
        return absoluteMargin.isPresent() || relativeMargin.isPresent() || maxScore.isPresent();
    }

    /**
     * The range end: {@link #rangeMax()} if set, else sentence-transformers' default for {@code maxPositives}.
     *
     * @throws IllegalArgumentException if the range leaves fewer than {@code numNegatives} candidates
     */
    public int effectiveRangeMax(int maxPositives) {
        int end = rangeMax.orElse(rangeMin + (rescores() ? 10 * numNegatives : numNegatives) + maxPositives);
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

    public MiningOptions withRangeMin(int n) {
        return new MiningOptions(
                n,
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

    public MiningOptions withRangeMax(int n) {
        return new MiningOptions(
                rangeMin,
                OptionalInt.of(n),
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

    public MiningOptions withMaxScore(double v) {
        return new MiningOptions(
                rangeMin,
                rangeMax,
                OptionalDouble.of(v),
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

    public MiningOptions withMinScore(double v) {
        return new MiningOptions(
                rangeMin,
                rangeMax,
                maxScore,
                OptionalDouble.of(v),
                absoluteMargin,
                relativeMargin,
                numNegatives,
                sampling,
                includePositives,
                outputFormat,
                outputScores,
                batchSize);
    }

    public MiningOptions withAbsoluteMargin(double v) {
        return new MiningOptions(
                rangeMin,
                rangeMax,
                maxScore,
                minScore,
                OptionalDouble.of(v),
                relativeMargin,
                numNegatives,
                sampling,
                includePositives,
                outputFormat,
                outputScores,
                batchSize);
    }

    public MiningOptions withRelativeMargin(double v) {
        return new MiningOptions(
                rangeMin,
                rangeMax,
                maxScore,
                minScore,
                absoluteMargin,
                OptionalDouble.of(v),
                numNegatives,
                sampling,
                includePositives,
                outputFormat,
                outputScores,
                batchSize);
    }

    public MiningOptions withNumNegatives(int n) {
        return new MiningOptions(
                rangeMin,
                rangeMax,
                maxScore,
                minScore,
                absoluteMargin,
                relativeMargin,
                n,
                sampling,
                includePositives,
                outputFormat,
                outputScores,
                batchSize);
    }

    public MiningOptions withSampling(SamplingStrategy s) {
        return new MiningOptions(
                rangeMin,
                rangeMax,
                maxScore,
                minScore,
                absoluteMargin,
                relativeMargin,
                numNegatives,
                s,
                includePositives,
                outputFormat,
                outputScores,
                batchSize);
    }

    public MiningOptions withIncludePositives(boolean on) {
        return new MiningOptions(
                rangeMin,
                rangeMax,
                maxScore,
                minScore,
                absoluteMargin,
                relativeMargin,
                numNegatives,
                sampling,
                on,
                outputFormat,
                outputScores,
                batchSize);
    }

    public MiningOptions withOutputFormat(OutputFormat f) {
        return new MiningOptions(
                rangeMin,
                rangeMax,
                maxScore,
                minScore,
                absoluteMargin,
                relativeMargin,
                numNegatives,
                sampling,
                includePositives,
                f,
                outputScores,
                batchSize);
    }

    public MiningOptions withOutputScores(boolean on) {
        return new MiningOptions(
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
                on,
                batchSize);
    }

    public MiningOptions withBatchSize(int n) {
        return new MiningOptions(
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
                n);
    }
}
