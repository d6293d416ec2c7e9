package dev.rerank4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rerank4j.testing.DataSuite;
import dev.rerank4j.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabeledListsTest {
    private static final LabeledLists.Columns QDL = new LabeledLists.Columns("q", "d", "l");

    @Test
    void groupsPairsByQueryInOrderOfFirstAppearanceKeepingDocumentOrder() throws IOException {
        Dataset pairs = Dataset.fromRows(
                "pairs",
                List.of("q", "d", "l"),
                List.of(
                        List.of("b?", "b1", 0L),
                        List.of("a?", "a1", 1L),
                        List.of("b?", "b2", 1L),
                        List.of("a?", "a2", "0.5"),
                        List.of("b?", "b3", true)));
        Dataset lists = LabeledLists.groupByQuery(pairs, QDL);
        assertThat(lists.columns()).containsExactly("query", "docs", "labels");
        assertThat(lists.size()).isEqualTo(2);
        assertThat(lists.row(0).asMap())
                .containsEntry("query", "b?")
                .containsEntry("docs", List.of("b1", "b2", "b3"))
                .containsEntry("labels", List.of(0L, 1L, true));
        assertThat(lists.row(1).asMap())
                .containsEntry("docs", List.of("a1", "a2"))
                .containsEntry("labels", List.of(1L, 0.5));
        assertThat(lists.row(1).line()).as("the line of the query's first pair").isEqualTo(2);
    }

    @Test
    void aBadLabelNamesTheRow() {
        Dataset pairs = Dataset.fromRows(
                "pairs.tsv", List.of("q", "d", "l"), List.of(List.of("a?", "a1", 1L), List.of("a?", "a2", "yes")));
        assertThatThrownBy(() -> LabeledLists.groupByQuery(pairs, QDL))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("pairs.tsv:2: column \"l\" must be a number, got \"yes\"");
        assertThatThrownBy(() -> LabeledLists.groupByQuery(pairs, new LabeledLists.Columns("q", "doc", "l")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column \"doc\"");
    }

    @Test
    @DataSuite
    void wikiQaTrainGroupsIntoItsQuestions() throws IOException {
        Path file = SharedData.path("datasets/wikiqa/WikiQASent-train.txt");
        Dataset pairs = DatasetFiles.read(
                file, ReadOptions.defaults().withColumnNames(List.of("question", "sentence", "label")));
        Dataset lists = LabeledLists.groupByQuery(pairs, new LabeledLists.Columns("question", "sentence", "label"));
        // the dataset notes: 20,360 pairs of 2,118 questions, 873 of them with a positive
        assertThat(pairs.size()).isEqualTo(20_360);
        assertThat(lists.size()).isEqualTo(2_118);
        long withPositive = lists.rows().stream()
                .filter(r -> ((List<?>) r.get("labels").orElseThrow())
                        .stream().anyMatch(l -> ((Number) l).doubleValue() > 0))
                .count();
        assertThat(withPositive).isEqualTo(873);
        int docs = lists.rows().stream()
                .mapToInt(r -> ((List<?>) r.get("docs").orElseThrow()).size())
                .sum();
        assertThat(docs).isEqualTo(20_360);
    }
}
