package dev.rerank4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.testing.TinyEmbeddings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code rerank4j mine} end to end on a static embedding model built here, checking outputs and exit codes. */
class MineCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path model;
    private Path pairs;
    private Path corpus;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    @BeforeEach
    void setUp() throws Exception {
        // cat (1, 0), dog (.6, .8), mat (0, 1), city (-1, 0)
        model = TinyEmbeddings.staticModel(
                tmp.resolve("model"),
                Map.of(
                        "cat", new float[] {1, 0},
                        "dog", new float[] {.6f, .8f},
                        "mat", new float[] {0, 1},
                        "city", new float[] {-1, 0}),
                true);
        pairs = Files.writeString(tmp.resolve("pairs.jsonl"), "{\"query\": \"cat\", \"answer\": \"dog\"}\n");
        corpus = Files.writeString(tmp.resolve("corpus.txt"), "mat\ncity\ncat cat\n");
    }

    private String err() {
        return console.err();
    }

    @Test
    void minesTheNearestNonPositivesIntoJsonLines() throws Exception {
        Path out = tmp.resolve("out/mined.jsonl");
        int code = Main.run(
                "mine",
                "--data",
                pairs.toString(),
                "--model",
                model.toString(),
                "--corpus",
                corpus.toString(),
                "--num-negatives",
                "2",
                "--output-scores",
                "--output",
                out.toString(),
                "--no-progress");
        assertThat(code).as(err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines)
                .containsExactly(
                        "{\"query\":\"cat\",\"answer\":\"dog\",\"negative\":\"cat cat\",\"scores\":[0.6,1.0]}",
                        "{\"query\":\"cat\",\"answer\":\"dog\",\"negative\":\"mat\",\"scores\":[0.6,0.0]}");
        assertThat(err()).contains("Metric", "wrote 2 triplet rows to " + out);
    }

    @Test
    void hnswSearchAndLabeledPairsToParquet() throws Exception {
        Path out = tmp.resolve("mined.parquet");
        int code = Main.run(
                "mine",
                "-d",
                pairs.toString(),
                "-m",
                model.toString(),
                "--corpus",
                corpus.toString(),
                "-n",
                "1",
                "--search",
                "hnsw",
                "--output-format",
                "labeled-pair",
                "-o",
                out.toString(),
                "--cache-dir",
                tmp.resolve("cache").toString());
        assertThat(code).as(err()).isZero();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM read_parquet('" + out + "')")) {
            assertThat(rs.next()).isTrue();
            assertThat(List.of(rs.getString(1), rs.getString(2), rs.getLong(3))).containsExactly("cat", "dog", 1L);
            assertThat(rs.next()).isTrue();
            assertThat(List.of(rs.getString(1), rs.getString(2), rs.getLong(3))).containsExactly("cat", "cat cat", 0L);
            assertThat(rs.next()).isFalse();
        }
        assertThat(tmp.resolve("cache")).isNotEmptyDirectory();
    }

    @Test
    void bm25NeedsNoModel() throws Exception {
        Path out = tmp.resolve("bm25.jsonl");
        int code = Main.run(
                "mine",
                "-d",
                pairs.toString(),
                "--retriever",
                "bm25",
                "--corpus",
                corpus.toString(),
                "-n",
                "1",
                "-o",
                out.toString());
        assertThat(code).as(err()).isZero();
        JsonNode row = JSON.readTree(Files.readAllLines(out).get(0));
        assertThat(row.get("negative").asText()).isEqualTo("cat cat");
    }

    @Test
    void badColumnsAndEmptyCorporaExitTwoWithTheReason() throws Exception {
        Path out = tmp.resolve("never.jsonl");
        int code = Main.run(
                "mine",
                "-d",
                pairs.toString(),
                "-m",
                model.toString(),
                "--positive-column",
                "positive",
                "-o",
                out.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains(pairs + ":1: no column \"positive\" (columns: query, answer)");
        Path empty = Files.writeString(tmp.resolve("empty.txt"), "\n");
        code = Main.run(
                "mine",
                "-d",
                pairs.toString(),
                "-m",
                model.toString(),
                "--corpus",
                empty.toString(),
                "-o",
                out.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("empty.txt: the corpus is empty");
        code = Main.run("mine", "-d", pairs.toString(), "-o", out.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("--model is required");
        code = Main.run(
                "mine",
                "-d",
                pairs.toString(),
                "-m",
                model.toString(),
                "-o",
                tmp.resolve("x.csv").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("use .jsonl or .parquet");
        code = Main.run(
                "mine",
                "-d",
                pairs.toString(),
                "-m",
                model.toString(),
                "--output-format",
                "pairs",
                "-o",
                out.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("output format must be one of triplet, n-tuple, labeled-pair, labeled-list");
        assertThat(out).doesNotExist();
    }

    @Test
    void helpShowsAnExample() {
        assertThat(Main.run("mine", "--help")).isZero();
        assertThat(console.out())
                .contains(
                        "--num-negatives",
                        "--relative-margin",
                        "--output-format",
                        "Examples:",
                        "rerank4j mine --data pairs.jsonl");
    }
}
