package dev.rerank4j.loss;

import java.util.Optional;

/**
 * The in-batch losses, MultipleNegativesRankingLoss and its cached (GradCache) form: they read (anchor, positive[,
 * negative_1, ...]) rows without a label and score every anchor against the other rows' documents.
 */
public sealed interface InBatchLoss extends LossConfig
        permits MultipleNegativesRankingLoss, CachedMultipleNegativesRankingLoss {
    @Override
    default String expectedColumns() {
        return "2 or more input columns (anchor, positive[, negative_1, ...]) and no label column";
    }

    @Override
    default Optional<String> checkLayout(int inputColumns, boolean hasLabel) {
        return InBatchCandidates.checkLayout(name(), inputColumns, hasLabel);
    }

    @Override
    default Optional<String> checkRow(Batch row) {
        return InBatchCandidates.checkRow(row);
    }
}
