package dev.rerank4j.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rerank4j.TextPair;
import dev.rerank4j.data.DataFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading pairs and corpora: default and named columns, every format, and the errors for bad input. */
class MiningFilesTest {
    @TempDir
    Path tmp;

    private Path write(String name, String content) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    @Test
    void twoColumnsAreAnchorAndPositiveInOrder() throws Exception {
        Path f = write("pairs.jsonl", """
                {"question": "what is a cat?", "answer": "a small feline"}

                {"question": "what is a dog?", "answer": "a canine"}
                """);
        MiningData d = MiningFiles.readPairs(f, MiningColumns.inOrder());
        assertThat(d.anchorColumn()).isEqualTo("question");
        assertThat(d.positiveColumn()).isEqualTo("answer");
        assertThat(d.pairs())
                .containsExactly(
                        new TextPair("what is a cat?", "a small feline"), new TextPair("what is a dog?", "a canine"));
        MiningData swapped = MiningFiles.readPairs(f, MiningColumns.inOrder().withAnchor("answer"));
        assertThat(swapped.positiveColumn()).isEqualTo("question");
    }

    @Test
    void namedColumnsOfWiderFilesInEveryFormat() throws Exception {
        Path jsonl = write(
                "wide.jsonl", "{\"id\": 1, \"q\": \"a\", \"p\": \"b\"}\n{\"id\": 2, \"q\": \"c\", \"p\": \"d\"}\n");
        Path tsv = write("wide.tsv", "id\tq\tp\n1\ta\tb\n2\tc\td\n");
        Path parquet = tmp.resolve("wide.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            st.execute("COPY (SELECT * FROM (VALUES (1, 'a', 'b'), (2, 'c', 'd')) t(id, q, p)) TO '" + parquet
                    + "' (FORMAT PARQUET)");
        }
        for (Path f : List.of(jsonl, tsv, parquet)) {
            MiningData d = MiningFiles.readPairs(f, MiningColumns.of("q", "p"));
            assertThat(d.pairs()).as(f.toString()).containsExactly(new TextPair("a", "b"), new TextPair("c", "d"));
            assertThat(MiningFiles.readCorpus(f, "p")).containsExactly("b", "d");
        }
        assertThatThrownBy(() -> MiningFiles.readPairs(jsonl, MiningColumns.inOrder()))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("wide.jsonl:1: has 3 columns (id, q, p)")
                .hasMessageContaining("--anchor-column");
        assertThatThrownBy(() -> MiningFiles.readPairs(parquet, MiningColumns.of("q", "id")))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("column \"id\" is not a string");
    }

    @Test
    void badColumnsNameTheFileLineAndTheColumnsThatExist() throws Exception {
        Path f = write("pairs.jsonl", "{\"query\": \"a\", \"answer\": \"b\"}\n{\"query\": \"c\", \"answr\": \"d\"}\n");
        assertThatThrownBy(() -> MiningFiles.readPairs(f, MiningColumns.of("query", "positive")))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(f + ":1: no column \"positive\" (columns: query, answer)");
        assertThatThrownBy(() -> MiningFiles.readPairs(f, MiningColumns.of("query", "answer")))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(f + ":2: missing column \"answer\" (columns: query, answr)");
        Path number = write("n.jsonl", "{\"query\": \"a\", \"answer\": 3}\n");
        assertThatThrownBy(() -> MiningFiles.readPairs(number, MiningColumns.inOrder()))
                .hasMessage(number + ":1: column \"answer\" must be a string, got NUMBER (columns: query, answer)");
        assertThatThrownBy(() -> MiningFiles.readPairs(f, MiningColumns.of("query", "query")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ");
        Path tsv = write("short.tsv", "q\tp\na\n");
        assertThatThrownBy(() -> MiningFiles.readPairs(tsv, MiningColumns.inOrder()))
                .hasMessage(tsv + ":2: expected 2 tab-separated columns (q, p), found 1");
        assertThatThrownBy(() -> MiningFiles.readPairs(tmp.resolve("none.jsonl"), MiningColumns.inOrder()))
                .hasMessageContaining("none.jsonl: no such file");
        assertThatThrownBy(() -> MiningFiles.readPairs(write("x.csv", "a,b"), MiningColumns.inOrder()))
                .hasMessageContaining("unknown format");
    }

    @Test
    void emptyInputsAreRefused() throws Exception {
        assertThatThrownBy(() -> MiningFiles.readPairs(write("e.jsonl", "\n\n"), MiningColumns.inOrder()))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("e.jsonl: no rows");
        assertThatThrownBy(() -> MiningFiles.readPairs(write("h.tsv", "q\tp\n"), MiningColumns.inOrder()))
                .hasMessageContaining("h.tsv: no (anchor, positive) rows");
        assertThatThrownBy(() -> MiningFiles.readCorpus(write("c.txt", "\n  \n"), "text"))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(tmp.resolve("c.txt") + ": the corpus is empty: no documents");
        assertThatThrownBy(() -> MiningFiles.readCorpus(write("c.tsv", "text\n"), "text"))
                .hasMessageContaining("the corpus is empty");
        assertThatThrownBy(() -> MiningFiles.readCorpus(write("d.jsonl", "{\"title\": \"x\"}\n"), "text"))
                .hasMessage(tmp.resolve("d.jsonl") + ":1: no column \"text\" (columns: title; choose one with"
                        + " --corpus-field)");
        assertThat(MiningFiles.readCorpus(write("c2.txt", "one\n\ntwo\n"), "ignored"))
                .containsExactly("one", "two");
    }
}
