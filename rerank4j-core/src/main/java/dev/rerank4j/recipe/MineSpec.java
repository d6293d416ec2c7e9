package dev.rerank4j.recipe;

import dev.rerank4j.mining.MiningOptions;
import dev.rerank4j.mining.OutputFormat;
import java.util.Objects;

/**
 * The {@code mine:} section: the embedding model and the options of both mined sets.
 *
 * @param model the embedding model: a sentence-transformers directory or hub id
 * @param revision its hub revision
 * @param maxSeqLength tokens per text; 0 = the model's
 * @param search {@code exact} or {@code hnsw}
 * @param train the training set's options, as {@code rerank4j mine}'s ({@code labeled-pair} by default)
 * @param evalTopK candidates per evaluation query (the blog's {@code num_negatives=30})
 * @param includePositives whether the evaluation candidates keep the positives the first stage found
 */
public record MineSpec(
        String model,
        String revision,
        int maxSeqLength,
        String search,
        MiningOptions train,
        int evalTopK,
        boolean includePositives) {
    public MineSpec {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(train, "train");
        if (model.isEmpty()) {
            throw new IllegalArgumentException("mine.model is missing: an embedding model directory or hub id");
        }
        if (evalTopK < 1) {
            throw new IllegalArgumentException("mine.eval.top_k must be >= 1, got " + evalTopK);
        }
        if (!search.equals("exact") && !search.equals("hnsw")) {
            throw new IllegalArgumentException("mine.search must be exact or hnsw, got " + search);
        }
    }

    /** The evaluation set's options: the blog's top-k n-tuples, with the training set's batch size. */
    public MiningOptions eval() {
        return MiningOptions.defaults()
                .withNumNegatives(evalTopK)
                .withIncludePositives(includePositives)
                .withOutputFormat(OutputFormat.N_TUPLE)
                .withBatchSize(train.batchSize());
    }
}
