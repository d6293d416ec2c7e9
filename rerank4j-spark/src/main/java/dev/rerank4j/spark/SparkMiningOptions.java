package dev.rerank4j.spark;

import dev.rerank4j.mining.MiningOptions;
import java.util.Objects;
import java.util.Optional;

/**
 * Distributed mining's settings: core's {@link MiningOptions} (the filters, sampling and output format of {@code
 * rerank4j mine}, unchanged), the embedding model, the optional cross-encoder, the columns, and how the work is cut.
 *
 * @param mining core's options (num negatives, range, margins, max/min score, sampling, output format, batch size)
 * @param embedding the embedding model every executor loads
 * @param crossEncoder the reranker that rescores the candidates when a margin or max score is set
 * @param anchorColumn the pairs' anchor column
 * @param positiveColumn the pairs' positive column
 * @param corpusColumn the corpus DataFrame's text column
 * @param queryPrompt the prompt of the anchors; empty = the model's own query prompt
 * @param corpusPrompt the prompt of the documents; empty = the model's own document prompt
 * @param partitions corpus partitions (each one encoded and searched by one task); 0 = Spark's default parallelism
 * @param queryBlock anchors searched and mined together: per executor queryBlock × dimension floats of embeddings,
 *     on the driver queryBlock × (rangeMax + maxPositives) candidate ids, scores and texts
 */
public record SparkMiningOptions(
        MiningOptions mining,
        ModelSpec embedding,
        Optional<ModelSpec> crossEncoder,
        String anchorColumn,
        String positiveColumn,
        String corpusColumn,
        Optional<String> queryPrompt,
        Optional<String> corpusPrompt,
        int partitions,
        int queryBlock) {
    public SparkMiningOptions {
        Objects.requireNonNull(mining, "mining");
        Objects.requireNonNull(embedding, "embedding");
        Objects.requireNonNull(crossEncoder, "crossEncoder");
        Objects.requireNonNull(anchorColumn, "anchorColumn");
        Objects.requireNonNull(positiveColumn, "positiveColumn");
        Objects.requireNonNull(corpusColumn, "corpusColumn");
        Objects.requireNonNull(queryPrompt, "queryPrompt");
        Objects.requireNonNull(corpusPrompt, "corpusPrompt");
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be >= 0 (0 = Spark's default), got " + partitions);
        }
        if (queryBlock < 1) {
            throw new IllegalArgumentException("queryBlock must be >= 1, got " + queryBlock);
        }
    }

    /** Columns {@code anchor}, {@code positive}, corpus {@code text}; the model's prompts; blocks of 16,384 anchors. */
    public static SparkMiningOptions of(ModelSpec embedding, MiningOptions mining) {
        return new SparkMiningOptions(
                mining,
                embedding,
                Optional.empty(),
                "anchor",
                "positive",
                "text",
                Optional.empty(),
                Optional.empty(),
                0,
                16_384);
    }

    public SparkMiningOptions withMining(MiningOptions m) {
        return new SparkMiningOptions(
                m,
                embedding,
                crossEncoder,
                anchorColumn,
                positiveColumn,
                corpusColumn,
                queryPrompt,
                corpusPrompt,
                partitions,
                queryBlock);
    }

    public SparkMiningOptions withCrossEncoder(ModelSpec ce) {
        return new SparkMiningOptions(
                mining,
                embedding,
                Optional.of(ce),
                anchorColumn,
                positiveColumn,
                corpusColumn,
                queryPrompt,
                corpusPrompt,
                partitions,
                queryBlock);
    }

    public SparkMiningOptions withColumns(String anchor, String positive) {
        return new SparkMiningOptions(
                mining,
                embedding,
                crossEncoder,
                anchor,
                positive,
                corpusColumn,
                queryPrompt,
                corpusPrompt,
                partitions,
                queryBlock);
    }

    public SparkMiningOptions withCorpusColumn(String column) {
        return new SparkMiningOptions(
                mining,
                embedding,
                crossEncoder,
                anchorColumn,
                positiveColumn,
                column,
                queryPrompt,
                corpusPrompt,
                partitions,
                queryBlock);
    }

    public SparkMiningOptions withPrompts(String query, String corpus) {
        return new SparkMiningOptions(
                mining,
                embedding,
                crossEncoder,
                anchorColumn,
                positiveColumn,
                corpusColumn,
                Optional.of(query),
                Optional.of(corpus),
                partitions,
                queryBlock);
    }

    public SparkMiningOptions withPartitions(int n) {
        return new SparkMiningOptions(
                mining,
                embedding,
                crossEncoder,
                anchorColumn,
                positiveColumn,
                corpusColumn,
                queryPrompt,
                corpusPrompt,
                n,
                queryBlock);
    }

    public SparkMiningOptions withQueryBlock(int n) {
        return new SparkMiningOptions(
                mining,
                embedding,
                crossEncoder,
                anchorColumn,
                positiveColumn,
                corpusColumn,
                queryPrompt,
                corpusPrompt,
                partitions,
                n);
    }
}
