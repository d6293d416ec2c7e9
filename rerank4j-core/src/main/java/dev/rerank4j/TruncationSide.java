package dev.rerank4j;

/**
 * Which end of a segment truncation removes tokens from, as Hugging Face tokenizers' {@code TruncationDirection} and
 * transformers' {@code truncation_side}. How many tokens each segment keeps is decided by the {@link Truncation}
 * strategy and is the same for both sides.
 */
public enum TruncationSide {
    /** Keep the start of each segment, cut its end (the default everywhere). */
    RIGHT,
    /** Keep the end of each segment, cut its start (TEI's {@code "truncation_direction": "left"}). */
    LEFT
}
