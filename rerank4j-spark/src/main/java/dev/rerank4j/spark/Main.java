package dev.rerank4j.spark;

import dev.rerank4j.Rerank4jException;
import dev.rerank4j.embed.PromptRole;
import dev.rerank4j.eval.EvaluationResult;
import dev.rerank4j.mining.MinedDataset;
import dev.rerank4j.mining.MinedDatasetWriter;
import dev.rerank4j.mining.MiningOptions;
import dev.rerank4j.mining.OutputFormat;
import dev.rerank4j.mining.SamplingStrategy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code spark-submit} entry point: {@code mine}, {@code score}, {@code encode} and {@code eval} over parquet,
 * JSON Lines or CSV/TSV tables. Exit codes as the rerank4j command line: 0 success, 2 bad usage or input, 1 failure.
 */
@Command(
        name = "rerank4j-spark",
        mixinStandardHelpOptions = true,
        subcommands = {Main.Mine.class, Main.Score.class, Main.Encode.class, Main.Eval.class},
        description = "rerank4j on Apache Spark: mine hard negatives, score pairs, encode texts, evaluate a reranker.")
public final class Main implements Callable<Integer> {
    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs a command line and returns its exit code (no {@code System.exit}), for tests and embedding. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            Throwable cause = rootRerank4j(e);
            err.println("rerank4j-spark " + line.getCommandName() + ": " + cause.getMessage());
            return cause instanceof Rerank4jException r && r.isUserError() ? 2 : 1;
        });
        return cli.execute(args);
    }

    /** The first rerank4j exception in the chain (Spark wraps a task's exception in its own), else {@code e}. */
    private static Throwable rootRerank4j(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Rerank4jException) {
                return t;
            }
        }
        return e;
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return 2;
    }

    /** Options every command shares. */
    static final class Common {
        @Option(names = "--model", required = true, description = "model directory every executor can read, or hub id")
        String model;

        @Option(names = "--revision", defaultValue = "main", description = "hub revision (default: ${DEFAULT-VALUE})")
        String revision;

        @Option(
                names = "--backend",
                defaultValue = "torch",
                description = "inference engine (default: ${DEFAULT-VALUE})")
        String backend;

        @Option(names = "--max-length", defaultValue = "0", description = "max tokens per input; 0 = the model's")
        int maxLength;

        @Option(names = "--threads", defaultValue = "0", description = "engine threads per executor; 0 = per core")
        int threads;

        @Option(names = "--master", description = "Spark master when not set by spark-submit, e.g. local[2]")
        String master;

        @Option(names = "--batch-size", defaultValue = "32", description = "inputs per forward pass")
        int batchSize;

        ModelSpec spec() {
            return new ModelSpec(model, revision, backend, maxLength, threads);
        }

        SparkSession session(String app) {
            SparkSession.Builder b = SparkSession.builder().appName("rerank4j-spark " + app);
            if (master != null) {
                b = b.master(master);
            }
            return b.getOrCreate();
        }
    }

    @Command(
            name = "score",
            mixinStandardHelpOptions = true,
            description = "Add a score column to (query, document) rows.")
    static final class Score implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--input", required = true)
        String input;

        @Option(names = "--output", required = true, description = "output directory (.parquet, .jsonl, .csv, .tsv)")
        String output;

        @Option(names = "--query-column", defaultValue = "query")
        String queryColumn;

        @Option(names = "--document-column", defaultValue = "document")
        String documentColumn;

        @Option(names = "--score-column", defaultValue = "score")
        String scoreColumn;

        @Option(names = "--error-column", description = "route bad rows to this column instead of failing")
        String errorColumn;

        @Override
        public Integer call() {
            SparkSession spark = common.session("score");
            ScoreOptions o = ScoreOptions.defaults()
                    .withColumns(queryColumn, documentColumn)
                    .withScoreColumn(scoreColumn)
                    .withBatchSize(common.batchSize);
            if (errorColumn != null) {
                o = o.withErrorColumn(errorColumn);
            }
            Tables.write(SparkRerank.score(Tables.read(spark, input, "--input"), common.spec(), o), output, "--output");
            return 0;
        }
    }

    @Command(name = "encode", mixinStandardHelpOptions = true, description = "Add an embedding column to text rows.")
    static final class Encode implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--input", required = true)
        String input;

        @Option(names = "--output", required = true)
        String output;

        @Option(names = "--text-column", defaultValue = "text")
        String textColumn;

        @Option(names = "--embedding-column", defaultValue = "embedding")
        String embeddingColumn;

        @Option(names = "--role", defaultValue = "DOCUMENT", description = "QUERY or DOCUMENT: whose model prompt")
        PromptRole role;

        @Option(names = "--prompt", description = "prompt to prepend instead of the model's")
        String prompt;

        @Option(names = "--error-column", description = "route bad rows to this column instead of failing")
        String errorColumn;

        @Override
        public Integer call() {
            SparkSession spark = common.session("encode");
            EncodeColumns o = EncodeColumns.defaults()
                    .withColumns(textColumn, embeddingColumn)
                    .withRole(role)
                    .withBatchSize(common.batchSize);
            if (prompt != null) {
                o = o.withPrompt(prompt);
            }
            if (errorColumn != null) {
                o = o.withErrorColumn(errorColumn);
            }
            Tables.write(
                    SparkRerank.encode(Tables.read(spark, input, "--input"), common.spec(), o), output, "--output");
            return 0;
        }
    }

    @Command(
            name = "mine",
            mixinStandardHelpOptions = true,
            description = "Mine hard negatives (rerank4j mine's options).")
    static final class Mine implements Callable<Integer> {
        @Mixin
        Common common;

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

        @Option(
                names = "--cross-encoder",
                description = "reranker that rescores candidates (with a margin or max score)")
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
            MinedDatasetWriter.FileFormat.of(output);
            SparkSession spark = common.session("mine");
            MiningOptions o = MiningOptions.defaults()
                    .withNumNegatives(numNegatives)
                    .withRangeMin(rangeMin)
                    .withSampling(
                            switch (sampling) {
                                case "top" -> SamplingStrategy.top();
                                case "random" -> SamplingStrategy.random(seed);
                                default ->
                                    throw new SparkInputException("--sampling " + sampling + ": use top or random");
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
            MinedDataset mined = SparkRerank.mine(pairs, docs, so);
            MinedDatasetWriter.write(mined, output);
            System.err.println(mined.report().toText());
            return 0;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a reranker on labelled pairs.")
    static final class Eval implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--input", required = true, description = "(query, document, label) rows")
        String input;

        @Option(names = "--query-column", defaultValue = "query")
        String queryColumn;

        @Option(names = "--document-column", defaultValue = "document")
        String documentColumn;

        @Option(names = "--label-column", defaultValue = "label")
        String labelColumn;

        @Option(names = "--name", defaultValue = "")
        String name;

        @Option(names = "--at-k", defaultValue = "10")
        int atK;

        @Option(names = "--output", description = "write the metrics as JSON here")
        Path output;

        @Override
        public Integer call() throws Exception {
            SparkSession spark = common.session("eval");
            EvaluationResult r = SparkRerank.evaluate(
                    Tables.read(spark, input, "--input"),
                    common.spec(),
                    EvalColumns.defaults()
                            .withColumns(queryColumn, documentColumn, labelColumn)
                            .withName(name)
                            .withAtK(atK)
                            .withBatchSize(common.batchSize));
            String json = json(r.metrics());
            System.out.println(json);
            if (output != null) {
                Path tmp = output.resolveSibling("." + output.getFileName() + ".tmp");
                Files.writeString(tmp, json + "\n");
                Files.move(tmp, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return 0;
        }

        private static String json(Map<String, Double> metrics) {
            StringBuilder b = new StringBuilder("{");
            metrics.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "")
                    .append('"')
                    .append(k)
                    .append("\": ")
                    .append(v));
            return b.append('}').toString();
        }
    }
}
