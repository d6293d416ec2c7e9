package dev.rerank4j.spark;

import dev.rerank4j.mining.MinedDatasetWriter;
import dev.rerank4j.mining.MiningOptions;
import dev.rerank4j.mining.MiningReport;
import dev.rerank4j.mining.OutputFormat;
import dev.rerank4j.mining.SamplingStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rerank4j-spark mine}: hard negatives with {@code rerank4j mine}'s options, written to one file block by block
 * as they are mined (the driver never holds more than one query block's rows); the file appears only once complete.
 */
@Command(name = "mine", mixinStandardHelpOptions = true, description = "Mine hard negatives (rerank4j mine's options).")
final class MineCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, description = "(anchor, positive) pairs")
    String data;

    @Option(names = "--corpus", description = "documents to mine from (the positives are always added)")
    String corpus;

    @Option(names = "--output", required = true, description = "one .jsonl or .parquet file, as rerank4j mine")
    Path output;

    @Option(names = "--anchor-column", required = true)
    String anchorColumn;

    @Option(names = "--positive-column", required = true)
    String positiveColumn;

    @Option(names = "--corpus-column", defaultValue = "text")
    String corpusColumn;

    @Option(names = "--num-negatives", defaultValue = "3")
    int numNegatives;

    @Option(names = "--range-min", defaultValue = "0")
    int rangeMin;

    @Option(names = "--range-max")
    Integer rangeMax;

    @Option(names = "--absolute-margin")
    Double absoluteMargin;

    @Option(names = "--relative-margin")
    Double relativeMargin;

    @Option(names = "--max-score")
    Double maxScore;

    @Option(names = "--min-score")
    Double minScore;

    @Option(names = "--sampling", defaultValue = "top", description = "top or random")
    String sampling;

    @Option(names = "--seed", defaultValue = "12")
    long seed;

    @Option(names = "--include-positives")
    boolean includePositives;

    @Option(names = "--output-format", defaultValue = "triplet")
    String outputFormat;

    @Option(names = "--output-scores")
    boolean outputScores;

    @Option(names = "--cross-encoder", description = "reranker that rescores candidates (with a margin or max score)")
    String crossEncoder;

    @Option(names = "--partitions", defaultValue = "0", description = "corpus partitions; 0 = Spark's default")
    int partitions;

    @Option(
            names = "--query-block",
            defaultValue = "16384",
            description = "anchors searched and mined together (bounds the driver's memory)")
    int queryBlock;

    @Override
    public Integer call() throws Exception {
        if (Files.isDirectory(output)) {
            throw new SparkInputException("--output " + output + ": a directory; give a .jsonl or .parquet file");
        }
        try {
            MinedDatasetWriter.FileFormat.of(output);
        } catch (IllegalArgumentException e) {
            throw new SparkInputException("--output " + e.getMessage());
        }
        SparkSession spark = common.session("mine");
        MiningOptions o = MiningOptions.defaults()
                .withNumNegatives(numNegatives)
                .withRangeMin(rangeMin)
                .withSampling(
                        switch (sampling) {
                            case "top" -> SamplingStrategy.top();
                            case "random" -> SamplingStrategy.random(seed);
                            default -> throw new SparkInputException("--sampling " + sampling + ": use top or random");
                        })
                .withIncludePositives(includePositives)
                .withOutputFormat(OutputFormat.fromName(outputFormat))
                .withOutputScores(outputScores)
                .withBatchSize(common.batchSize);
        o = rangeMax == null ? o : o.withRangeMax(rangeMax);
        o = absoluteMargin == null ? o : o.withAbsoluteMargin(absoluteMargin);
        o = relativeMargin == null ? o : o.withRelativeMargin(relativeMargin);
        o = maxScore == null ? o : o.withMaxScore(maxScore);
        o = minScore == null ? o : o.withMinScore(minScore);
        SparkMiningOptions so = SparkMiningOptions.of(common.spec(), o)
                .withColumns(anchorColumn, positiveColumn)
                .withCorpusColumn(corpusColumn)
                .withPartitions(partitions)
                .withQueryBlock(queryBlock);
        if (crossEncoder != null) {
            so = so.withCrossEncoder(ModelSpec.of(crossEncoder).withBackend(common.backend));
        }
        Dataset<Row> pairs = Tables.read(spark, data, "--data");
        Optional<Dataset<Row>> docs =
                corpus == null ? Optional.empty() : Optional.of(Tables.read(spark, corpus, "--corpus"));
        try (MinedDatasetWriter.RowFile file = MinedDatasetWriter.open(output, o, anchorColumn, positiveColumn)) {
            MiningReport report = SparkRerank.mine(pairs, docs, so, file);
            file.commit();
            spec.commandLine().getErr().print(report.toText());
            spec.commandLine().getErr().flush();
        }
        return 0;
    }
}
