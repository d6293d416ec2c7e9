package dev.rerank4j.loss;

import java.util.Map;
import java.util.Optional;

/**
 * A loss and its hyperparameters, named as in sentence-transformers ({@code BinaryCrossEntropyLoss}, ...). Each
 * variant is a record validated where it is built; {@link #configDict()} is what checkpoints and model cards record,
 * like sentence-transformers' {@code get_config_dict}. {@link LossConfigs#parse} builds one from a config file.
 *
 * <p>A loss decides which (query, document) pairs a batch needs scored and computes its objective from the scores:
 * see {@link Objective}. Adding a loss is one record here plus its {@code permits} entry (in {@link ListwiseLoss} for a list loss) and its name in
 * {@link LossConfigs}.
 */
public sealed interface LossConfig permits InBatchLoss, ListwiseLoss, MarginMSELoss, PointwiseLoss {
    /** The sentence-transformers class name, e.g. {@code BinaryCrossEntropyLoss}. */
    String name();

    /** The hyperparameters by their sentence-transformers names, with plain values (strings, numbers, null). */
    Map<String, Object> configDict();

    /** The columns the loss reads, for messages, e.g. {@code 2 inputs (query, document) and a label in [0, 1]}. */
    String expectedColumns();

    /**
     * Checks a dataset's column layout.
     *
     * @param inputColumns the number of input columns
     * @param hasLabel whether there is a label column
     * @return what is wrong, or empty
     */
    Optional<String> checkLayout(int inputColumns, boolean hasLabel);

    /**
     * Checks the values of one row, given as a batch of one.
     *
     * @return what is wrong, naming the column position and the bad value, or empty
     */
    Optional<String> checkRow(Batch row);

    /**
     * The computation, for a model with {@code numLabels} outputs. Internal: used by the trainer.
     *
     * @throws IllegalArgumentException if the loss cannot train a model with that many labels
     */
    Objective objective(int numLabels);
}
