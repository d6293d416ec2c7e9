package dev.rerank4j.loss;

import java.util.Optional;

/**
 * The losses that read one labelled (query, document) pair per row and score each pair on its own:
 * BinaryCrossEntropyLoss, CrossEntropyLoss and MSELoss. They share the column layout; each checks its own labels.
 */
public sealed interface PointwiseLoss extends LossConfig permits BinaryCrossEntropyLoss, CrossEntropyLoss, MSELoss {
    @Override
    default Optional<String> checkLayout(int inputColumns, boolean hasLabel) {
        return PairInputs.checkLayout(name(), inputColumns, hasLabel);
    }
}
