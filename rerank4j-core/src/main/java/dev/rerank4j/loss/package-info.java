/**
 * Training losses for cross-encoders, named and parameterised as sentence-transformers' {@code
 * cross_encoder.losses}.
 *
 * <p>{@link dev.rerank4j.loss.LossConfig} is the closed set of losses; each variant is a record of hyperparameters
 * ({@link dev.rerank4j.loss.BinaryCrossEntropyLoss}, {@link dev.rerank4j.loss.CrossEntropyLoss}, {@link
 * dev.rerank4j.loss.MSELoss}), built in code or by name with {@link dev.rerank4j.loss.LossConfigs}. Internally a loss
 * is an {@link dev.rerank4j.loss.Objective}: given a {@link dev.rerank4j.loss.Batch} of rows it chooses the (query,
 * document) pairs to score, asks a {@link dev.rerank4j.loss.PairModel} for their logits and reduces them to a
 * scalar, so that pointwise, listwise and in-batch losses all fit the same trainer.
 *
 * <p>Numerics follow torch: {@code BCEWithLogitsLoss} as {@code (1 - y) x + (1 + (w - 1) y) softplus(-x)}, {@code
 * CrossEntropyLoss} as the mean negative log-softmax of the true class, {@code MSELoss} as the mean squared error;
 * all with mean reduction.
 */
package dev.rerank4j.loss;
