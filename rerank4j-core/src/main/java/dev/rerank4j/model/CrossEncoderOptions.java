package dev.rerank4j.model;

import dev.rerank4j.tokenize.Truncation;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link CrossEncoder} is loaded. Every setting has the sentence-transformers default; change one with the
 * {@code with*} methods: {@code CrossEncoderOptions.defaults().withMaxLength(256)}.
 *
 * @param numLabels outputs of the head; 0 = as the checkpoint says (1 for a base model without a head)
 * @param maxLength tokens per pair; 0 = min(tokenizer {@code model_max_length}, {@code max_position_embeddings})
 * @param activation the inference activation; empty = the saved one, else Sigmoid for one label, Identity otherwise
 * @param truncation how over-long pairs are cut
 * @param maxQueryLength with {@link Truncation#ONLY_SECOND}, the most tokens a query keeps; 0 = half of maxLength
 * @param seed the seed of a freshly initialised head
 * @param threads libtorch intra-op threads at the engine's first start; 0 = one per core
 */
public record CrossEncoderOptions(
        int numLabels,
        int maxLength,
        Optional<Activation> activation,
        Truncation truncation,
        int maxQueryLength,
        long seed,
        int threads) {

    public CrossEncoderOptions {
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(truncation, "truncation");
        if (numLabels < 0) {
            throw new IllegalArgumentException("numLabels must be >= 0 (0 = from the checkpoint), got " + numLabels);
        }
        if (maxLength != 0 && maxLength < 8) {
            throw new IllegalArgumentException("maxLength must be 0 (automatic) or >= 8, got " + maxLength);
        }
        if (maxQueryLength < 0) {
            throw new IllegalArgumentException(
                    "maxQueryLength must be >= 0 (0 = half of maxLength), got " + maxQueryLength);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = one per core), got " + threads);
        }
    }

    /** The sentence-transformers defaults. */
    public static CrossEncoderOptions defaults() {
        return new CrossEncoderOptions(0, 0, Optional.empty(), Truncation.LONGEST_FIRST, 0, 42L, 0);
    }

    public CrossEncoderOptions withNumLabels(int n) {
        return new CrossEncoderOptions(n, maxLength, activation, truncation, maxQueryLength, seed, threads);
    }

    public CrossEncoderOptions withMaxLength(int n) {
        return new CrossEncoderOptions(numLabels, n, activation, truncation, maxQueryLength, seed, threads);
    }

    public CrossEncoderOptions withActivation(Activation a) {
        return new CrossEncoderOptions(numLabels, maxLength, Optional.of(a), truncation, maxQueryLength, seed, threads);
    }

    public CrossEncoderOptions withTruncation(Truncation t) {
        return new CrossEncoderOptions(numLabels, maxLength, activation, t, maxQueryLength, seed, threads);
    }

    public CrossEncoderOptions withMaxQueryLength(int n) {
        return new CrossEncoderOptions(numLabels, maxLength, activation, truncation, n, seed, threads);
    }

    public CrossEncoderOptions withSeed(long s) {
        return new CrossEncoderOptions(numLabels, maxLength, activation, truncation, maxQueryLength, s, threads);
    }

    public CrossEncoderOptions withThreads(int n) {
        return new CrossEncoderOptions(numLabels, maxLength, activation, truncation, maxQueryLength, seed, n);
    }
}
