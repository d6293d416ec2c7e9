package dev.rerank4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rerank4j.PredictOptions;
import dev.rerank4j.TextPair;
import dev.rerank4j.embed.EmbeddingModel;
import dev.rerank4j.embed.Embeddings;
import dev.rerank4j.embed.EncodeOptions;
import dev.rerank4j.embed.Normalization;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.model.export.OnnxExport;
import dev.rerank4j.model.export.OnnxExportOptions;
import dev.rerank4j.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scoring and encoding on {@code local[2,2]} against core on one JVM, bad rows, retries, unreadable models. */
class SparkScoreTest {
    private static final StructType PAIRS = new StructType()
            .add("id", DataTypes.IntegerType)
            .add("query", DataTypes.StringType, true)
            .add("document", DataTypes.StringType, true);

    @TempDir
    static Path dir;

    static Path reranker;
    static List<TextPair> pairs;
    static float[] expected;

    @BeforeAll
    static void setUp() {
        reranker = TinyModels.reranker(dir.resolve("tiny-bert"), Architecture.BERT);
        List<String> qs = LocalSpark.texts(150, 6, 1);
        List<String> ds = LocalSpark.texts(150, 30, 2);
        pairs = new ArrayList<>();
        for (int i = 0; i < qs.size(); i++) {
            pairs.add(new TextPair(qs.get(i), ds.get(i)));
        }
        try (CrossEncoder model = CrossEncoder.load(reranker)) {
            expected = model.predict(pairs, PredictOptions.defaults().withBatchSize(8));
        }
    }

    private static Dataset<Row> pairsFrame(int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            rows.add(LocalSpark.row(i, pairs.get(i).query(), pairs.get(i).document()));
        }
        return LocalSpark.frame(rows, PAIRS, partitions);
    }

    private static ScoreOptions options() {
        return ScoreOptions.defaults().withBatchSize(8).withChunkSize(16);
    }

    @Test
    void scoresOnTheOnnxBackendAsOnLibtorch() {
        Path onnxDir = dir.resolve("tiny-bert-onnx");
        try (CrossEncoder model = CrossEncoder.load(reranker)) {
            OnnxExport.export(model, OnnxExportOptions.defaults().withOutputDir(onnxDir));
        }
        Dataset<Row> out = SparkRerank.score(
                pairsFrame(2), ModelSpec.of(onnxDir.toString()).withBackend("onnx"), options());
        List<Row> rows = out.collectAsList();
        assertThat(rows).hasSize(pairs.size());
        double worst = 0;
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).getInt(0)).isEqualTo(i);
            worst = Math.max(worst, Math.abs(rows.get(i).getFloat(3) - expected[i]));
        }
        assertThat(worst)
                .as("max |ONNX Runtime on Spark - libtorch on one JVM|")
                .isLessThanOrEqualTo(1e-4);
        assertThatThrownBy(() -> SparkRerank.score(
                        pairsFrame(2), ModelSpec.of(reranker.toString()).withBackend("tensorflow"), options()))
                .hasMessageContaining("tensorflow");
    }

    @Test
    void scoresEqualOneJvmAndKeepOrderColumnsAndPartitions() {
        Dataset<Row> in = pairsFrame(3);
        Dataset<Row> out = SparkRerank.score(in, ModelSpec.of(reranker.toString()), options());
        List<Row> rows = out.collectAsList();
        assertThat(out.columns()).containsExactly("id", "query", "document", "score");
        assertThat(out.rdd().getNumPartitions()).isEqualTo(3);
        assertThat(rows).hasSize(pairs.size());
        double worst = 0;
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).getInt(0)).isEqualTo(i);
            assertThat(rows.get(i).getString(2)).isEqualTo(pairs.get(i).document());
            worst = Math.max(worst, Math.abs(rows.get(i).getFloat(3) - expected[i]));
        }
        assertThat(worst).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void oneChunkPerPartitionGivesTheSameBitsAsOnePredictCall() {
        Dataset<Row> out = SparkRerank.score(
                pairsFrame(1), ModelSpec.of(reranker.toString()), options().withChunkSize(10_000));
        List<Row> rows = out.collectAsList();
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).getFloat(3)).isEqualTo(expected[i]);
        }
    }

    @Test
    void aTaskThatDiesMidwayIsRetriedWithoutLosingOrDuplicatingRows() {
        Dataset<Row> in = LocalSpark.failingOnce(pairsFrame(3), 1, 37);
        List<Row> rows = SparkRerank.score(in, ModelSpec.of(reranker.toString()), options())
                .collectAsList();
        assertThat(rows).hasSize(pairs.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).getInt(0)).isEqualTo(i);
            assertThat((double) Math.abs(rows.get(i).getFloat(3) - expected[i])).isLessThanOrEqualTo(1e-6);
        }
    }

    private static Dataset<Row> withNullDocumentAt(int index) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(LocalSpark.row(
                    i, pairs.get(i).query(), i == index ? null : pairs.get(i).document()));
        }
        return LocalSpark.frame(rows, PAIRS, 3);
    }

    @Test
    void aBadRowFailsTheJobNamingItsPartitionRowAndColumn() {
        assertThatThrownBy(() -> SparkRerank.score(withNullDocumentAt(13), ModelSpec.of(reranker.toString()), options())
                        .collectAsList())
                .hasStackTraceContaining("partition 1, row 3")
                .hasStackTraceContaining("column \"document\" is null");
    }

    @Test
    void badRowsCanGoToAnErrorColumn() {
        List<Row> rows = SparkRerank.score(
                        withNullDocumentAt(13),
                        ModelSpec.of(reranker.toString()),
                        options().withErrorColumn("error"))
                .collectAsList();
        assertThat(rows).hasSize(30);
        assertThat(rows.get(13).isNullAt(3)).isTrue();
        assertThat(rows.get(13).getString(4)).isEqualTo("column \"document\" is null");
        assertThat(rows.get(12).isNullAt(4)).isTrue();
        assertThat((double) Math.abs(rows.get(12).getFloat(3) - expected[12])).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void anUnreadableModelFailsAtOnceWithAClearMessage() throws Exception {
        assertThatThrownBy(() -> SparkRerank.score(pairsFrame(2), ModelSpec.of("/no/such/model"), options()))
                .isInstanceOf(ModelUnreadableException.class)
                .hasMessageContaining("/no/such/model")
                .hasMessageContaining("no such directory");
        Path empty = Files.createDirectories(dir.resolve("empty-model"));
        assertThatThrownBy(() -> SparkRerank.score(pairsFrame(2), ModelSpec.of(empty.toString()), options()))
                .isInstanceOf(ModelUnreadableException.class)
                .hasMessageContaining("no readable config.json");
        assertThatThrownBy(() -> SparkRerank.score(
                        pairsFrame(2), ModelSpec.of(reranker.toString()).withBackend("nope"), options()))
                .isInstanceOf(ModelUnreadableException.class)
                .hasMessageContaining("backend \"nope\"");
    }

    @Test
    void aMissingColumnIsNamed() {
        assertThatThrownBy(() -> SparkRerank.score(
                        pairsFrame(2),
                        ModelSpec.of(reranker.toString()),
                        options().withColumns("q", "document")))
                .isInstanceOf(SparkInputException.class)
                .hasMessageContaining("no column \"q\"")
                .hasMessageContaining("[id, query, document]");
    }

    @Test
    void encodingEqualsOneJvm() {
        List<String> texts = LocalSpark.texts(120, 20, 3);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(LocalSpark.row(i, texts.get(i)));
        }
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType);
        Dataset<Row> out = SparkRerank.encode(
                LocalSpark.frame(rows, schema, 3),
                ModelSpec.of(reranker.toString()),
                EncodeColumns.defaults().withBatchSize(8).withChunkSize(25));
        List<Row> got = out.collectAsList();
        Embeddings want;
        try (EmbeddingModel model = EmbeddingModel.load(reranker.toString())) {
            want = model.encode(
                    texts, EncodeOptions.defaults().withBatchSize(8).withNormalization(Normalization.UNIT_LENGTH));
        }
        assertThat(out.columns()).containsExactly("id", "text", "embedding");
        double worst = 0;
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).getInt(0)).isEqualTo(i);
            List<Float> v = got.get(i).getList(2);
            assertThat(v).hasSize(want.dimension());
            for (int j = 0; j < v.size(); j++) {
                worst = Math.max(worst, Math.abs(v.get(j) - want.get(i, j)));
            }
        }
        assertThat(worst).isLessThanOrEqualTo(1e-6);
    }
}
