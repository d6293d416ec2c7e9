package dev.rerank4j.model;

import java.util.Optional;

/**
 * The configuration of an architecture that can be a decoder-only language model. When {@code config.json} names a
 * {@code *ForCausalLM} class, sentence-transformers (5.4 and later) reads the model as a reranker through its
 * {@link LogitScore} module, and so does rerank4j: the loader resolves the score's token ids from the model directory
 * and gives them to the configuration before the network is built.
 */
public interface CausalLmConfig extends ModelConfig {
    /** Whether {@code architectures[0]} ends with {@code ForCausalLM}: the model is scored through a LogitScore. */
    boolean causalLm();

    /** The LogitScore of a causal LM, once resolved; empty for a sequence-classification model. */
    Optional<LogitScore> logitScore();

    /** Returns a copy that scores through {@code score}. */
    CausalLmConfig withLogitScore(LogitScore score);
}
