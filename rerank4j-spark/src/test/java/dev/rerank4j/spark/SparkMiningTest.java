package dev.rerank4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rerank4j.TextPair;
import dev.rerank4j.embed.EmbeddingModel;
import dev.rerank4j.mining.DenseCandidates;
import dev.rerank4j.mining.HardNegativeMiner;
import dev.rerank4j.mining.MinedDataset;
import dev.rerank4j.mining.MinedDatasetWriter;
import dev.rerank4j.mining.MinedRow;
import dev.rerank4j.mining.MiningData;
import dev.rerank4j.mining.MiningOptions;
import dev.rerank4j.mining.MiningReport;
import dev.rerank4j.mining.OutputFormat;
import dev.rerank4j.mining.SamplingStrategy;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.testing.TinyEmbeddings;
import dev.rerank4j.testing.TinyModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distributed mining against core's single-JVM {@link HardNegativeMiner}: the same rows for every output format and
 * filter, bit for bit with a static embedding model (each text's embedding does not depend on its batch), texts equal
 * and scores within 1e-6 with a transformer; across retried tasks; and through the spark-submit entry point.
 */
class SparkMiningTest {
    private static final StructType PAIRS =
            new StructType().add("query", DataTypes.StringType).add("answer", DataTypes.StringType);
    private static final StructType CORPUS = new StructType().add("text", DataTypes.StringType);

    @TempDir
    static Path dir;

    static Path staticModel;
    static Path transformer;
    static Path reranker;
    static List<TextPair> pairs;
    static List<String> corpus;

    @BeforeAll
    static void setUp() {
        staticModel = TinyEmbeddings.randomStaticModel(dir.resolve("static"), 16, 5, true);
        transformer = TinyModels.reranker(dir.resolve("tiny-bert"), Architecture.BERT);
        reranker = transformer;
        List<String> anchors = LocalSpark.texts(40, 5, 11);
        List<String> positives = LocalSpark.texts(60, 12, 12);
        pairs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // some anchors repeat with a second positive; one pair repeats exactly
            pairs.add(new TextPair(anchors.get(i % 40), positives.get(i)));
        }
        pairs.add(pairs.get(3));
        corpus = new ArrayList<>(LocalSpark.texts(220, 14, 13));
        corpus.add(corpus.get(7)); // a duplicate document
        corpus.add(positives.get(5)); // a positive that is also in the corpus
    }

    private static Dataset<Row> pairsFrame(int partitions) {
        List<Row> rows = new ArrayList<>();
        pairs.forEach(p -> rows.add(LocalSpark.row(p.query(), p.document())));
        return LocalSpark.frame(rows, PAIRS, partitions);
    }

    private static Dataset<Row> corpusFrame(int partitions) {
        List<Row> rows = new ArrayList<>();
        corpus.forEach(t -> rows.add(LocalSpark.row(t)));
        return LocalSpark.frame(rows, CORPUS, partitions);
    }

    private static MinedDataset oneJvm(Path model, MiningOptions o, boolean withCorpus, boolean rescore) {
        MiningData data = new MiningData("query", "answer", pairs, withCorpus ? corpus : List.of());
        try (EmbeddingModel m = EmbeddingModel.load(model.toString())) {
            if (rescore) {
                try (CrossEncoder ce = CrossEncoder.load(reranker)) {
                    return HardNegativeMiner.mineHardNegatives(data, DenseCandidates.of(m), ce, o);
                }
            }
            return HardNegativeMiner.mineHardNegatives(data, DenseCandidates.of(m), o);
        }
    }

    private static MinedDataset spark(Path model, MiningOptions o, boolean withCorpus, Dataset<Row> corpusFrame) {
        SparkMiningOptions so = SparkMiningOptions.of(ModelSpec.of(model.toString()), o)
                .withColumns("query", "answer")
                .withPartitions(3)
                .withQueryBlock(16);
        return SparkRerank.mine(pairsFrame(2), withCorpus ? Optional.of(corpusFrame) : Optional.empty(), so);
    }

    private static final List<MiningOptions> OPTIONS = List.of(
            MiningOptions.defaults().withBatchSize(8),
            MiningOptions.defaults()
                    .withNumNegatives(5)
                    .withRangeMax(20)
                    .withAbsoluteMargin(0)
                    .withOutputFormat(OutputFormat.LABELED_PAIR)
                    .withBatchSize(8),
            MiningOptions.defaults()
                    .withNumNegatives(4)
                    .withRangeMin(2)
                    .withRelativeMargin(0.05)
                    .withSampling(SamplingStrategy.random(7))
                    .withOutputFormat(OutputFormat.N_TUPLE)
                    .withOutputScores(true)
                    .withBatchSize(8),
            MiningOptions.defaults()
                    .withNumNegatives(3)
                    .withMaxScore(0.9)
                    .withMinScore(-0.5)
                    .withOutputFormat(OutputFormat.LABELED_LIST)
                    .withOutputScores(true)
                    .withBatchSize(8),
            MiningOptions.defaults()
                    .withNumNegatives(10)
                    .withIncludePositives(true)
                    .withOutputFormat(OutputFormat.N_TUPLE)
                    .withBatchSize(8));

    @Test
    void staticModelGivesTheSameRowsBitForBitForEveryFormatAndFilter() {
        for (MiningOptions o : OPTIONS) {
            for (boolean withCorpus : List.of(true, false)) {
                MinedDataset want = oneJvm(staticModel, o, withCorpus, false);
                MinedDataset got = spark(staticModel, o, withCorpus, corpusFrame(3));
                assertThat(got.columns()).as(o.toString()).isEqualTo(want.columns());
                assertThat(got.rows()).as(o + " corpus " + withCorpus).isEqualTo(want.rows());
                assertThat(got.rows()).isNotEmpty();
                assertThat(got.report().corpusSize()).isEqualTo(want.report().corpusSize());
                assertThat(got.report().filters()).isEqualTo(want.report().filters());
                assertThat(got.report().anchorsShort()).isEqualTo(want.report().anchorsShort());
            }
        }
    }

    @Test
    void blocksOfAnchorsStreamTheRowsAndReportOfOneCall() {
        MiningOptions o = OPTIONS.get(2); // random sampling, a margin, n-tuples (anchors left short drop out)
        MinedDataset want = oneJvm(staticModel, o, true, false);
        SparkMiningOptions so = SparkMiningOptions.of(ModelSpec.of(staticModel.toString()), o)
                .withColumns("query", "answer")
                .withPartitions(3)
                .withQueryBlock(7);
        List<List<MinedRow>> blocks = new ArrayList<>();
        MiningReport got = SparkRerank.mine(pairsFrame(2), Optional.of(corpusFrame(3)), so, blocks::add);
        assertThat(blocks).as("40 anchors in blocks of 7").hasSize(6);
        assertThat(blocks.stream().mapToInt(List::size).max().getAsInt())
                .isLessThan(want.rows().size());
        assertThat(blocks.stream().flatMap(List::stream).toList()).isEqualTo(want.rows());
        MiningReport w = want.report();
        assertThat(got.positive()).isEqualTo(w.positive());
        assertThat(got.negative()).isEqualTo(w.negative());
        assertThat(got.difference()).isEqualTo(w.difference());
        assertThat(got.filters()).isEqualTo(w.filters());
        assertThat(List.of(got.inputRows(), got.anchors(), got.corpusSize(), got.maxPositives(), got.rangeMax()))
                .isEqualTo(List.of(w.inputRows(), w.anchors(), w.corpusSize(), w.maxPositives(), w.rangeMax()));
        assertThat(List.of(got.anchorsShort(), got.missingSamples(), got.outputRows()))
                .isEqualTo(List.of(w.anchorsShort(), w.missingSamples(), w.outputRows()));
    }

    @Test
    void transformerModelGivesTheSameTextsAndScoresWithin1e6() {
        for (MiningOptions o : List.of(OPTIONS.get(0), OPTIONS.get(1))) {
            MinedDataset want = oneJvm(transformer, o, true, false);
            MinedDataset got = spark(transformer, o, true, corpusFrame(3));
            assertThat(want.rows()).as(want.report().toText()).isNotEmpty();
            Equivalence.assertSameRows(got, want, 1e-6);
        }
    }

    @Test
    void crossEncoderRescoringOnTheExecutorsGivesTheSameRows() {
        MiningOptions o = MiningOptions.defaults()
                .withNumNegatives(3)
                .withAbsoluteMargin(0.0)
                .withOutputFormat(OutputFormat.LABELED_PAIR)
                .withOutputScores(true)
                .withBatchSize(8);
        MinedDataset want = oneJvm(staticModel, o, true, true);
        SparkMiningOptions so = SparkMiningOptions.of(ModelSpec.of(staticModel.toString()), o)
                .withColumns("query", "answer")
                .withCrossEncoder(ModelSpec.of(reranker.toString()))
                .withPartitions(3);
        MinedDataset got = SparkRerank.mine(pairsFrame(2), Optional.of(corpusFrame(3)), so);
        assertThat(got.report().rescored()).isTrue();
        Equivalence.assertSameRows(got, want, 1e-6);
    }

    @Test
    void retriedCorpusTasksChangeNothing() {
        MiningOptions o = OPTIONS.get(1);
        MinedDataset want = oneJvm(staticModel, o, true, false);
        MinedDataset got = spark(staticModel, o, true, LocalSpark.failingOnce(corpusFrame(3), 2, 30));
        assertThat(got.rows()).isEqualTo(want.rows());
    }

    /** The test's pairs and corpus as one-file parquet folders {@code pairs-TAG.parquet}, {@code corpus-TAG.parquet}. */
    private static Path[] parquetInputs(String tag) {
        Path data = dir.resolve("pairs-" + tag + ".parquet");
        Path docs = dir.resolve("corpus-" + tag + ".parquet");
        pairsFrame(2).coalesce(1).write().parquet(data.toString());
        corpusFrame(2).coalesce(1).write().parquet(docs.toString());
        return new Path[] {data, docs};
    }

    /** Runs the entry point's {@code mine} on {@code inputs} with the static model, blocks of 7 anchors and options. */
    private static int mineEntryPoint(Path[] inputs, Path out, StringWriter err, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "mine",
                "--model",
                staticModel.toString(),
                "--data",
                inputs[0].toString(),
                "--corpus",
                inputs[1].toString(),
                "--anchor-column",
                "query",
                "--positive-column",
                "answer",
                "--query-block",
                "7",
                "--output",
                out.toString()));
        args.addAll(List.of(options));
        return Main.run(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err));
    }

    @Test
    void sparkSubmitEntryPointWritesTheFileRerank4jMineWrites() throws Exception {
        Path out = dir.resolve("mined.jsonl");
        StringWriter err = new StringWriter();
        int code = mineEntryPoint(
                parquetInputs("same"),
                out,
                err,
                "--num-negatives",
                "5",
                "--range-max",
                "20",
                "--absolute-margin",
                "0",
                "--output-format",
                "labeled-pair",
                "--batch-size",
                "8");
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).as("the report of the whole run").contains("unique anchors");
        Path reference = dir.resolve("reference.jsonl");
        MinedDatasetWriter.write(oneJvm(staticModel, OPTIONS.get(1), true, false), reference);
        assertThat(Files.readString(out)).isEqualTo(Files.readString(reference));
    }

    @Test
    void entryPointThatFailsMidwayLeavesThePreviousFileAndNoTemporaryFile() throws Exception {
        // a cross-encoder the driver's check accepts (a folder with a config.json) but no executor can load: the
        // first block's rescoring fails after the output file was opened
        Path broken = Files.createDirectories(dir.resolve("broken-reranker"));
        Files.writeString(broken.resolve("config.json"), "{}");
        Path outDir = Files.createDirectories(dir.resolve("midway"));
        Path out = outDir.resolve("mined.jsonl");
        Files.writeString(out, "the previous run's rows\n");
        StringWriter err = new StringWriter();
        int code = mineEntryPoint(
                parquetInputs("midway"), out, err, "--absolute-margin", "0", "--cross-encoder", broken.toString());
        assertThat(code).as(err.toString()).isNotZero();
        assertThat(err.toString()).contains("broken-reranker");
        assertThat(Files.readString(out)).isEqualTo("the previous run's rows\n");
        try (var files = Files.list(outDir)) {
            assertThat(files.toList()).as("no temporary file left behind").containsExactly(out);
        }
    }

    @Test
    void entryPointExitsWith2AndOneLineOnBadInput() {
        StringWriter err = new StringWriter();
        int code = Main.run(
                new String[] {
                    "mine",
                    "--model",
                    "/no/such/model",
                    "--data",
                    dir.resolve("none.parquet").toString(),
                    "--anchor-column",
                    "a",
                    "--positive-column",
                    "b",
                    "--output",
                    dir.resolve("x.jsonl").toString()
                },
                new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("none.parquet");

        StringWriter csv = new StringWriter();
        int csvCode = mineEntryPoint(parquetInputs("csv"), dir.resolve("mined.csv"), csv);
        assertThat(csvCode).as(csv.toString()).isEqualTo(2);
        assertThat(csv.toString().strip())
                .doesNotContain("\n")
                .contains("--output ")
                .contains("mined.csv: unknown output format; use .jsonl or .parquet");
    }
}
