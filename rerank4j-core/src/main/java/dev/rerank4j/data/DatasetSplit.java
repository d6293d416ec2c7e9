package dev.rerank4j.data;

import java.util.Objects;

/**
 * The two parts of {@link Dataset#trainTestSplit}.
 *
 * @param train the rows kept for training
 * @param test the rows split off
 */
public record DatasetSplit(Dataset train, Dataset test) {
    public DatasetSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }
}
