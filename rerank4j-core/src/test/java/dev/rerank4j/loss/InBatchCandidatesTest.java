package dev.rerank4j.loss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The in-batch candidate columns: sentence-transformers' order, and the seeded sampler. */
class InBatchCandidatesTest {
    private static final Batch ROWS = new Batch(
            "t",
            List.of(
                    List.of("a0", "a1", "a2", "a3", "a4"),
                    List.of("p0", "p1", "p2", "p3", "p4"),
                    List.of("n0", "n1", "n2", "n3", "n4")),
            List.of());

    @Test
    void everyNegativeInSentenceTransformersOrderWithoutSampling() {
        InBatchCandidates c = InBatchCandidates.of(ROWS, Integer.MAX_VALUE, () -> {
            throw new AssertionError("nothing is sampled");
        });
        // 1 positive + (5 - 1) * (1 + 1) in-batch + 1 hard negative
        assertThat(c.columns()).hasSize(10);
        List<String> row1 = new ArrayList<>();
        c.columns().forEach(col -> row1.add(col.get(1)));
        assertThat(row1).containsExactly("p1", "p0", "p2", "p3", "p4", "n0", "n2", "n3", "n4", "n1");
        assertThat(InBatchCandidates.of(ROWS, 8, () -> 0L).columns())
                .as("num_negatives equal to the number of candidates uses them all, in order")
                .isEqualTo(c.columns());
    }

    @Test
    void theSamplerDrawsDistinctDocumentsOfOtherRowsFromItsSeed() {
        InBatchCandidates a = InBatchCandidates.of(ROWS, 3, () -> 42L);
        InBatchCandidates b = InBatchCandidates.of(ROWS, 3, () -> 42L);
        InBatchCandidates other = InBatchCandidates.of(ROWS, 3, () -> 43L);
        assertThat(a.columns()).hasSize(1 + 3 + 1).isEqualTo(b.columns()).isNotEqualTo(other.columns());
        for (int i = 0; i < 5; i++) {
            Set<String> drawn = new HashSet<>();
            for (int col = 1; col <= 3; col++) {
                String doc = a.columns().get(col).get(i);
                assertThat(doc).as("row %d draws another row's document", i).doesNotEndWith(Integer.toString(i));
                drawn.add(doc);
            }
            assertThat(drawn).as("row %d draws without replacement", i).hasSize(3);
            assertThat(a.columns().get(0).get(i)).isEqualTo("p" + i);
            assertThat(a.columns().get(4).get(i)).isEqualTo("n" + i);
        }
    }

    @Test
    void aSingleRowWithoutHardNegativesHasOnlyItsPositive() {
        Batch one = new Batch("t", List.of(List.of("a"), List.of("p")), List.of());
        assertThat(InBatchCandidates.of(one, 4, () -> 1L).columns()).containsExactly(List.of("p"));
    }
}
