package dev.rerank4j.loss;

import java.util.Optional;

/**
 * The losses that read (query, [documents], [labels]) rows: ListNet, ListMLE, PListMLE, LambdaLoss, RankNet and
 * ADR-MSE. They share the column layout and the row checks; each computes its own objective over the lists.
 */
public sealed interface ListwiseLoss extends LossConfig
        permits ADRMSELoss, LambdaLoss, ListMLELoss, ListNetLoss, PListMLELoss, RankNetLoss {
    @Override
    default String expectedColumns() {
        return "2 input columns (query, [documents]) and a label column with one number per document";
    }

    @Override
    default Optional<String> checkLayout(int inputColumns, boolean hasLabel) {
        return ListInputs.checkLayout(name(), inputColumns, hasLabel);
    }

    @Override
    default Optional<String> checkRow(Batch row) {
        return ListInputs.checkRow(row);
    }
}
