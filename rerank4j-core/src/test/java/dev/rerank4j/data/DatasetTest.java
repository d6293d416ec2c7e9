package dev.rerank4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatasetTest {
    private static Dataset numbers(int n) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(List.of("q" + i, "d" + i, (long) (i % 2)));
        }
        return Dataset.fromRows("numbers", List.of("query", "document", "label"), rows);
    }

    @Test
    void selectsRenamesAndRemovesColumnsKeepingTheRowsOrigin() {
        Dataset d = numbers(3).renameColumn("document", "passage").selectColumns(List.of("passage", "query"));
        assertThat(d.columns()).containsExactly("passage", "query");
        assertThat(d.row(1).get("passage")).contains("d1");
        assertThat(d.row(1).line()).isEqualTo(2);
        assertThat(numbers(3).removeColumns(List.of("label")).columns()).containsExactly("query", "document");
        assertThat(numbers(3).column("label")).containsExactly(0L, 1L, 0L);
    }

    @Test
    void unknownColumnsAreNamedWithTheColumnsThereAre() {
        assertThatThrownBy(() -> numbers(2).selectColumns(List.of("question")))
                .hasMessage("dataset numbers has no column \"question\" (columns: query, document, label)");
        assertThatThrownBy(() -> numbers(2).renameColumns(Map.of("query", "document")))
                .hasMessageContaining("column \"document\" appears twice");
    }

    @Test
    void shuffleIsAPermutationThatDependsOnlyOnTheSeed() {
        Dataset d = numbers(50);
        List<Object> a = d.shuffle(3).column("query");
        assertThat(d.shuffle(3).column("query")).isEqualTo(a);
        assertThat(d.shuffle(4).column("query")).isNotEqualTo(a);
        assertThat(new HashSet<>(a)).isEqualTo(new HashSet<>(d.column("query")));
    }

    @Test
    void rangeTakeAndTrainTestSplit() {
        Dataset d = numbers(10);
        assertThat(d.range(2, 5).column("query")).containsExactly("q2", "q3", "q4");
        assertThat(d.take(20).size()).isEqualTo(10);
        DatasetSplit split = d.trainTestSplit(3, 12);
        assertThat(split.test().size()).isEqualTo(3);
        assertThat(split.train().size()).isEqualTo(7);
        Set<Object> all = new HashSet<>(split.train().column("query"));
        all.addAll(split.test().column("query"));
        assertThat(all).hasSize(10);
        assertThat(d.trainTestSplit(0.25, 12).test().size()).isEqualTo(3);
        assertThat(d.trainTestSplit(3, 12).test().column("query"))
                .isEqualTo(split.test().column("query"));
        assertThatThrownBy(() -> d.trainTestSplit(10, 1))
                .hasMessage("testSize must be in [1, 9] (fewer than the 10 rows), got 10");
        assertThatThrownBy(() -> d.range(4, 2)).hasMessageContaining("0 <= from <= to <= 10");
    }

    @Test
    void fingerprintChangesWithTheData() {
        assertThat(numbers(5).fingerprint()).isEqualTo(numbers(5).fingerprint());
        assertThat(numbers(5).fingerprint()).isNotEqualTo(numbers(6).fingerprint());
        assertThat(numbers(5).fingerprint()).isNotEqualTo(numbers(5).shuffle(1).fingerprint());
    }

    @Test
    void concatenateNeedsTheSameColumns() {
        assertThat(Dataset.concatenate("all", List.of(numbers(2), numbers(3))).size())
                .isEqualTo(5);
        assertThatThrownBy(() ->
                        Dataset.concatenate("x", List.of(numbers(2), numbers(2).removeColumns(List.of("label")))))
                .hasMessageContaining("cannot concatenate");
    }

    @Test
    void columnMappingFollowsSentenceTransformersOrGivesExplicitColumns() {
        ColumnMapping auto =
                ColumnMapping.automatic().resolve(List.of("score", "query", "label", "doc", "dataset_name"));
        assertThat(auto.inputs()).containsExactly("score", "query", "doc");
        assertThat(auto.labelColumn()).contains("label");
        assertThat(ColumnMapping.automatic()
                        .resolve(List.of("anchor", "positive"))
                        .labelColumn())
                .isEmpty();
        ColumnMapping explicit = ColumnMapping.of(List.of("Question", "Sentence"), "Label");
        assertThat(explicit.resolve(List.of("QuestionID", "Question", "Sentence", "Label")))
                .isEqualTo(explicit);
        assertThatThrownBy(() -> explicit.resolve(List.of("question", "sentence", "label")))
                .hasMessage("column mapping names \"Question\", \"Sentence\", \"Label\" but the dataset's columns are"
                        + " \"question\", \"sentence\", \"label\"");
        assertThatThrownBy(() -> ColumnMapping.of(List.of("a", "b"), "a"))
                .hasMessageContaining("both an input and the label");
    }
}
