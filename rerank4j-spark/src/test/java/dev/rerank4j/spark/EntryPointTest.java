package dev.rerank4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.TextPair;
import dev.rerank4j.embed.EmbeddingModel;
import dev.rerank4j.embed.Embeddings;
import dev.rerank4j.embed.EncodeOptions;
import dev.rerank4j.embed.Normalization;
import dev.rerank4j.eval.EvaluationResult;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.testing.TinyModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code spark-submit} entry point's {@code score}, {@code encode} and {@code eval} on {@code local[2]}, as the
 * README runs them: files in, files out, the same numbers as the Java API and core on one JVM.
 */
class EntryPointTest {
    @TempDir
    static Path dir;

    static Path model;

    @BeforeAll
    static void setUp() {
        model = TinyModels.reranker(dir.resolve("tiny-bert"), Architecture.BERT);
    }

    /**
     * Runs {@code command} on {@code local[2]} with the tiny model, {@code input}, {@code output} and more options;
     * fails with its standard error unless it exits 0; returns its standard output.
     */
    private static String runOn(String command, Path input, Path output, String... more) {
        List<String> args = new ArrayList<>(List.of(
                command,
                "--master",
                "local[2]",
                "--model",
                model.toString(),
                "--input",
                input.toString(),
                "--output",
                output.toString()));
        args.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    @Test
    void scoreWritesAScoreColumnInInputOrder() {
        List<String> qs = LocalSpark.texts(40, 6, 31);
        List<String> ds = LocalSpark.texts(40, 25, 32);
        List<Row> rows = new ArrayList<>();
        List<TextPair> pairs = new ArrayList<>();
        for (int i = 0; i < qs.size(); i++) {
            rows.add(LocalSpark.row(i, qs.get(i), ds.get(i)));
            pairs.add(new TextPair(qs.get(i), ds.get(i)));
        }
        StructType schema = new StructType()
                .add("id", DataTypes.IntegerType)
                .add("query", DataTypes.StringType)
                .add("document", DataTypes.StringType);
        Path input = dir.resolve("pairs.parquet");
        LocalSpark.frame(rows, schema, 3).write().parquet(input.toString());
        Path output = dir.resolve("scored.parquet");
        runOn("score", input, output, "--batch-size", "8");
        float[] want;
        try (CrossEncoder ce = CrossEncoder.load(model)) {
            want = ce.predict(pairs, PredictOptions.defaults().withBatchSize(8));
        }
        List<Row> got =
                Tables.read(LocalSpark.session(), output.toString(), "--output").collectAsList();
        assertThat(got).hasSize(pairs.size());
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).getInt(0)).as("input order").isEqualTo(i);
            assertThat(got.get(i).getString(1)).isEqualTo(qs.get(i));
            assertThat((double) got.get(i).getFloat(3)).isCloseTo(want[i], within(1e-6));
        }
    }

    @Test
    void encodeWritesUnitLengthEmbeddings() {
        List<String> texts = LocalSpark.texts(30, 15, 33);
        List<Row> rows = new ArrayList<>();
        texts.forEach(t -> rows.add(LocalSpark.row(t)));
        Path input = dir.resolve("texts.parquet");
        LocalSpark.frame(rows, new StructType().add("text", DataTypes.StringType), 2)
                .write()
                .parquet(input.toString());
        Path output = dir.resolve("vectors.parquet");
        runOn("encode", input, output, "--batch-size", "8");
        Embeddings want;
        try (EmbeddingModel m = EmbeddingModel.load(model.toString())) {
            want = m.encode(
                    texts, EncodeOptions.defaults().withBatchSize(8).withNormalization(Normalization.UNIT_LENGTH));
        }
        List<Row> got =
                Tables.read(LocalSpark.session(), output.toString(), "--output").collectAsList();
        assertThat(got).hasSize(texts.size());
        double worst = 0;
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).getString(0)).isEqualTo(texts.get(i));
            List<Float> v = got.get(i).getList(1);
            for (int j = 0; j < v.size(); j++) {
                worst = Math.max(worst, Math.abs(v.get(j) - want.get(i, j)));
            }
        }
        assertThat(worst).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void evalPrintsAndWritesTheMetricsOfTheJavaApi() throws Exception {
        List<String> qs = LocalSpark.texts(8, 5, 34);
        List<String> ds = LocalSpark.texts(8 * 5, 20, 35);
        List<Row> rows = new ArrayList<>();
        for (int q = 0; q < qs.size(); q++) {
            for (int d = 0; d < 5; d++) {
                rows.add(LocalSpark.row(qs.get(q), ds.get(q * 5 + d), d == q % 5 ? 1 : 0));
            }
        }
        StructType schema = new StructType()
                .add("query", DataTypes.StringType)
                .add("document", DataTypes.StringType)
                .add("label", DataTypes.IntegerType);
        Path input = dir.resolve("labelled.parquet");
        LocalSpark.frame(rows, schema, 2).write().parquet(input.toString());
        Path output = dir.resolve("metrics/dev.json");
        String printed = runOn("eval", input, output, "--name", "dev", "--at-k", "3");
        EvaluationResult want = SparkRerank.evaluate(
                LocalSpark.frame(rows, schema, 2),
                ModelSpec.of(model.toString()),
                EvalColumns.defaults().withName("dev").withAtK(3));
        JsonNode json = new ObjectMapper().readTree(Files.readString(output));
        assertThat(new ObjectMapper().readTree(printed)).isEqualTo(json);
        assertThat(json.size()).isEqualTo(want.metrics().size());
        want.metrics()
                .forEach((k, v) -> assertThat(json.path(k).asDouble()).as(k).isCloseTo(v, within(1e-12)));
        assertThat(json.has("dev_ndcg@3")).isTrue();
        try (var files = Files.list(output.getParent())) {
            assertThat(files.toList()).as("no temporary file left behind").containsExactly(output);
        }
    }
}
