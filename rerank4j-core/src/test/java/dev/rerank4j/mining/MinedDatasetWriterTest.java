package dev.rerank4j.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSONL and Parquet output of every format, read back exactly. */
class MinedDatasetWriterTest {
    @TempDir
    Path tmp;

    static MinedDataset mined(OutputFormat format, boolean scores) {
        return HardNegativeMinerTest.mine(
                MiningOptions.defaults().withOutputFormat(format).withOutputScores(scores));
    }

    @Test
    void jsonLinesKeepColumnOrderAndTypes() throws Exception {
        Path out = tmp.resolve("sub/mined.jsonl");
        MinedDatasetWriter.write(mined(OutputFormat.N_TUPLE, true), out);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0))
                .isEqualTo("{\"query\":\"q1\",\"answer\":\"p1\",\"negative_1\":\"n1\",\"negative_2\":\"n2\","
                        + "\"negative_3\":\"n3\",\"scores\":[0.9,0.85,0.7,0.5]}");
        MinedDatasetWriter.write(mined(OutputFormat.TRIPLET, false), out);
        assertThat(Files.readAllLines(out).get(0))
                .isEqualTo("{\"query\":\"q1\",\"answer\":\"p1\",\"negative\":\"n1\"}");
        MinedDatasetWriter.write(mined(OutputFormat.LABELED_PAIR, false), out);
        assertThat(Files.readAllLines(out).get(1)).isEqualTo("{\"query\":\"q1\",\"answer\":\"n1\",\"label\":0}");
        MinedDatasetWriter.write(mined(OutputFormat.LABELED_LIST, false), out);
        assertThat(Files.readAllLines(out).get(0))
                .isEqualTo("{\"query\":\"q1\",\"answer\":[\"p1\",\"n1\",\"n2\",\"n3\"],\"labels\":[1,0,0,0]}");
        try (var files = Files.list(out.getParent())) {
            assertThat(files.toList()).as("no temporary file left behind").containsExactly(out);
        }
    }

    @Test
    void parquetHoldsTheSameRowsWithDatasetsTypes() throws Exception {
        for (OutputFormat format : OutputFormat.values()) {
            for (boolean scores : new boolean[] {false, true}) {
                MinedDataset d = mined(format, scores);
                Path out = tmp.resolve(format.configName() + "-" + scores + ".parquet");
                MinedDatasetWriter.write(d, out);
                List<List<Object>> back = new ArrayList<>();
                List<String> columns = new ArrayList<>();
                List<String> types = new ArrayList<>();
                try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                        Statement st = db.createStatement()) {
                    try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + out + "')")) {
                        while (rs.next()) {
                            columns.add(rs.getString(1));
                            types.add(rs.getString(2));
                        }
                    }
                    try (ResultSet rs = st.executeQuery("SELECT * FROM read_parquet('" + out + "')")) {
                        while (rs.next()) {
                            List<Object> row = new ArrayList<>();
                            for (int c = 1; c <= columns.size(); c++) {
                                row.add(plain(rs.getObject(c)));
                            }
                            back.add(row);
                        }
                    }
                }
                assertThat(columns).as(format + " " + scores).isEqualTo(d.columns());
                assertThat(types.get(0)).isEqualTo("VARCHAR");
                List<List<Object>> expected = new ArrayList<>();
                for (int i = 0; i < d.rows().size(); i++) {
                    expected.add(d.values(i).stream()
                            .map(MinedDatasetWriterTest::widen)
                            .toList());
                }
                assertThat(back).as(format + " " + scores).isEqualTo(expected);
                if (format == OutputFormat.LABELED_LIST) {
                    assertThat(types.subList(1, 3)).containsExactly("VARCHAR[]", scores ? "DOUBLE[]" : "BIGINT[]");
                }
                if (format == OutputFormat.LABELED_PAIR) {
                    assertThat(types.get(2)).isEqualTo(scores ? "DOUBLE" : "BIGINT");
                }
            }
        }
    }

    @Test
    void rowsWrittenBlockByBlockMakeTheSameFileAsOneWrite() throws Exception {
        for (String ext : List.of("jsonl", "parquet")) {
            for (OutputFormat format : OutputFormat.values()) {
                MinedDataset d = mined(format, true);
                Path whole = tmp.resolve("whole-" + format.configName() + "." + ext);
                Path blocks = tmp.resolve("blocks/" + format.configName() + "." + ext);
                MinedDatasetWriter.write(d, whole);
                try (MinedDatasetWriter.RowFile out =
                        MinedDatasetWriter.open(blocks, d.format(), d.columns(), d.outputScores())) {
                    out.accept(d.rows().subList(0, 1));
                    out.accept(List.of());
                    out.accept(d.rows().subList(1, d.rows().size()));
                    assertThat(blocks)
                            .as("nothing under the target's name before the commit")
                            .doesNotExist();
                    assertThat(out.rows()).isEqualTo(d.rows().size());
                    out.commit();
                }
                if (ext.equals("jsonl")) {
                    assertThat(Files.readAllBytes(blocks))
                            .as(format + " " + ext)
                            .isEqualTo(Files.readAllBytes(whole));
                } else {
                    assertThat(rows(blocks)).as(format + " " + ext).isEqualTo(rows(whole));
                }
            }
        }
        try (var files = Files.list(tmp.resolve("blocks"))) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith(".")))
                    .isEmpty();
        }
    }

    @Test
    void aFileClosedWithoutCommitLeavesTheTargetAsItWasAndNoTemporaryFile() throws Exception {
        MinedDataset d = mined(OutputFormat.TRIPLET, false);
        for (String ext : List.of("jsonl", "parquet")) {
            Path out = tmp.resolve("kept/mined." + ext);
            MinedDatasetWriter.write(d, out);
            byte[] before = Files.readAllBytes(out);
            MiningOptions o = MiningOptions.defaults().withOutputFormat(OutputFormat.N_TUPLE);
            assertThatThrownBy(() -> {
                        try (MinedDatasetWriter.RowFile file = MinedDatasetWriter.open(out, o, "query", "answer")) {
                            file.accept(mined(OutputFormat.N_TUPLE, false).rows());
                            throw new IllegalStateException("the mining failed midway");
                        }
                    })
                    .hasMessage("the mining failed midway");
            assertThat(Files.readAllBytes(out)).as(ext).isEqualTo(before);
            try (var files = Files.list(out.getParent())) {
                assertThat(files.filter(f -> f.getFileName().toString().startsWith(".")))
                        .as("no temporary file left behind")
                        .isEmpty();
            }
        }
    }

    @Test
    void aCommittedFileTakesNoMoreRows() throws Exception {
        MinedDataset d = mined(OutputFormat.TRIPLET, false);
        MinedDatasetWriter.RowFile file =
                MinedDatasetWriter.open(tmp.resolve("once.jsonl"), d.format(), d.columns(), d.outputScores());
        file.accept(d.rows());
        file.commit();
        assertThatThrownBy(() -> file.accept(d.rows()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("once.jsonl: the file is already closed");
        file.close();
        assertThat(Files.readAllLines(tmp.resolve("once.jsonl")))
                .hasSize(d.rows().size());
    }

    /** The rows of a Parquet file, as lists of JDBC values. */
    private static List<List<Object>> rows(Path parquet) throws Exception {
        List<List<Object>> back = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM read_parquet('" + parquet + "')")) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= n; c++) {
                    row.add(plain(rs.getObject(c)));
                }
                back.add(row);
            }
        }
        return back;
    }

    @Test
    void unknownExtensionsAreRefused() {
        assertThatThrownBy(() -> MinedDatasetWriter.write(mined(OutputFormat.TRIPLET, false), tmp.resolve("x.csv")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x.csv")
                .hasMessageContaining(".jsonl or .parquet");
    }

    /** JDBC arrays as lists. */
    private static Object plain(Object v) throws Exception {
        if (v instanceof Array a) {
            return Arrays.stream((Object[]) a.getArray()).map(x -> x).toList();
        }
        return v;
    }

    /** What the Parquet column holds for a written cell: ints as longs, floats as the double of their JSON text. */
    private static Object widen(Object v) {
        if (v instanceof Integer i) {
            return (long) i;
        }
        if (v instanceof Float f) {
            return Double.parseDouble(f.toString());
        }
        if (v instanceof List<?> l) {
            return l.stream().map(MinedDatasetWriterTest::widen).toList();
        }
        return v;
    }
}
