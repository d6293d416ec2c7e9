package dev.rerank4j.train;

import dev.rerank4j.data.ColumnMapping;
import dev.rerank4j.data.Dataset;
import dev.rerank4j.loss.LossConfig;
import java.util.Objects;

/**
 * A dataset to train (or evaluate) on, with its loss and the columns the loss reads. Several training datasets may be
 * given, each with its own loss; every batch comes from one of them.
 *
 * @param name the dataset's name in logs, metrics ({@code eval_{name}_loss}) and the model card
 * @param dataset the rows
 * @param loss the loss trained on these rows
 * @param columns which columns are the inputs and the label ({@link ColumnMapping#automatic()} for
 *     sentence-transformers' rule)
 */
public record TrainingDataset(String name, Dataset dataset, LossConfig loss, ColumnMapping columns) {
    public TrainingDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(columns, "columns");
        if (name.isBlank() || !name.matches("[A-Za-z0-9_.@-]+")) {
            throw new IllegalArgumentException(
                    "dataset name must be letters, digits and _ . @ - (it names metrics), got \"" + name + "\"");
        }
        if (dataset.size() == 0) {
            throw new IllegalArgumentException("dataset " + name + " has no rows");
        }
    }

    /** A dataset whose columns follow sentence-transformers' rule (label by name, the rest inputs in order). */
    public static TrainingDataset of(String name, Dataset dataset, LossConfig loss) {
        return new TrainingDataset(name, dataset, loss, ColumnMapping.automatic());
    }
}
