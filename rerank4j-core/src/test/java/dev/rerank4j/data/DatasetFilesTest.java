package dev.rerank4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFilesTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }

    @Test
    void jsonLinesKeepTypesAndTheFirstRowsColumnOrder() throws Exception {
        Path f = write("d.jsonl", """
                {"query": "q1", "docs": ["a", "b"], "labels": [1, 0], "score": 0.5, "ok": true}

                {"docs": ["c"], "query": "q2", "labels": [2], "score": 3, "ok": null}
                """);
        Dataset d = DatasetFiles.read(f);
        assertThat(d.name()).isEqualTo("d.jsonl");
        assertThat(d.columns()).containsExactly("query", "docs", "labels", "score", "ok");
        assertThat(d.row(0).get("docs")).contains(List.of("a", "b"));
        assertThat(d.row(0).get("labels")).contains(List.of(1L, 0L));
        assertThat(d.row(0).get("score")).contains(0.5);
        assertThat(d.row(1).get("score")).contains(3L);
        assertThat(d.row(1).get("ok")).isEmpty();
        assertThat(d.row(1).line()).isEqualTo(3);
    }

    @Test
    void jsonErrorsNameFileAndLine() throws Exception {
        Path bad = write("bad.jsonl", "{\"query\": \"q\"}\n{\"query\": \"q\", \"extra\": 1}\n");
        assertThatThrownBy(() -> DatasetFiles.read(bad))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(bad + ":2: column \"extra\" is not among the columns of the first row (query)");
        Path broken = write("broken.jsonl", "{\"query\": \"q\"}\n{\"query\": \n");
        assertThatThrownBy(() -> DatasetFiles.read(broken)).hasMessageStartingWith(broken + ":2: not valid JSON");
        Path nested = write("nested.jsonl", "{\"query\": {\"text\": \"q\"}}\n");
        assertThatThrownBy(() -> DatasetFiles.read(nested))
                .hasMessageContaining(nested + ":1: column \"query\" holds a JSON OBJECT");
    }

    @Test
    void aJsonArrayFileReadsLikeJsonLines() throws Exception {
        Path f = write("d.json", "[\n  {\"a\": \"x\", \"b\": 1},\n  {\"a\": \"y\", \"b\": 2}\n]\n");
        Dataset d = DatasetFiles.read(f);
        assertThat(d.column("a")).containsExactly("x", "y");
        assertThat(d.row(1).line()).isEqualTo(3);
    }

    @Test
    void csvHandlesQuotesEscapedQuotesAndLineBreaks() throws Exception {
        Path f = write("d.csv", "query,document,label\r\n\"a, b\",\"say \"\"hi\"\"\nthere\",1\nq2,plain,0\n");
        Dataset d = DatasetFiles.read(f);
        assertThat(d.columns()).containsExactly("query", "document", "label");
        assertThat(d.row(0).get("query")).contains("a, b");
        assertThat(d.row(0).get("document")).contains("say \"hi\"\nthere");
        assertThat(d.row(1).line()).isEqualTo(4);
        assertThat(d.row(1).get("label")).contains("0");
    }

    @Test
    void tsvWithoutHeaderTakesColumnNamesAndKeepsQuotesVerbatim() throws Exception {
        Path f = write("d.txt", "how \"big\" ?\tvery big\t1\nq\td\t0\n");
        Dataset d = DatasetFiles.read(f, ReadOptions.defaults().withColumnNames(List.of("q", "doc", "label")));
        assertThat(d.row(0).get("q")).contains("how \"big\" ?");
        assertThat(d.size()).isEqualTo(2);
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsReportedWithItsLine() throws Exception {
        Path f = write("d.tsv", "query\tdocument\tlabel\nq\td\t1\nq only\t1\n");
        assertThatThrownBy(() -> DatasetFiles.read(f))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(f + ":3: expected 3 tab-separated fields (query, document, label), found 2");
    }

    @Test
    void gzippedFilesAndStreamingReadTheSameRows() throws Exception {
        Path gz = tmp.resolve("d.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("{\"a\": \"x\"}\n{\"a\": \"y\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        try (RowStream rows = DatasetFiles.stream(gz, ReadOptions.defaults())) {
            assertThat(rows.columns()).containsExactly("a");
            Optional<Row> first = rows.next();
            assertThat(first.orElseThrow().get("a")).contains("x");
            assertThat(rows.next()).isPresent();
            assertThat(rows.next()).isEmpty();
        }
    }

    @Test
    void unknownExtensionsAndMissingFilesAreExplained() throws Exception {
        Path f = write("d.xlsx", "");
        assertThatThrownBy(() -> DatasetFiles.read(f)).hasMessageContaining("unknown data format; use .jsonl");
        assertThatThrownBy(() -> DatasetFiles.read(tmp.resolve("none.jsonl")))
                .hasMessage(tmp.resolve("none.jsonl") + ": no such file");
    }

    @Test
    void parquetFilesReadWithTypesListsAndRowNumbers() throws Exception {
        Path f = parquet(tmp.resolve("d.parquet"), """
                SELECT * FROM (VALUES ('q1', ['a', 'b'], [1, 0], 0.5::DOUBLE, 7::BIGINT),
                                      ('q2', ['c'], [1], NULL, 8::BIGINT)) t(query, docs, labels, score, id)
                """);
        Dataset d = DatasetFiles.read(f);
        assertThat(d.columns()).containsExactly("query", "docs", "labels", "score", "id");
        assertThat(d.row(0).get("docs")).contains(List.of("a", "b"));
        assertThat(d.row(0).get("labels")).contains(List.of(1L, 0L));
        assertThat(d.row(0).get("score")).contains(0.5);
        assertThat(d.row(1).get("score")).isEmpty();
        assertThat(d.row(1).get("id")).contains(8L);
        assertThat(d.row(1).line()).isEqualTo(2);
        Path notParquet = write("fake.parquet", "not parquet");
        assertThatThrownBy(() -> DatasetFiles.read(notParquet))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(notParquet + ": cannot be read as Parquet");
    }

    /** Writes a Parquet file with DuckDB (a query's rows). */
    static Path parquet(Path file, String query) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("COPY (" + query + ") TO '" + file.toString().replace("'", "''") + "' (FORMAT PARQUET)");
        }
        return file;
    }
}
