package dev.rerank4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SamplersTest {
    /** Rows whose input values are given, with labels i % labels. */
    private record Rows(List<Set<String>> values, int labels) implements SamplerRows {
        @Override
        public int size() {
            return values.size();
        }

        @Override
        public Set<String> inputValues(int row) {
            return values.get(row);
        }

        @Override
        public String label(int row) {
            return Integer.toString(row % labels);
        }
    }

    private static Rows distinct(int n, int labels) {
        List<Set<String>> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            v.add(Set.of("q" + i, "d" + i));
        }
        return new Rows(v, labels);
    }

    private static List<Integer> flat(List<int[]> batches) {
        return batches.stream().flatMapToInt(Arrays::stream).boxed().toList();
    }

    @Test
    void theDefaultSamplerShufflesEveryRowOnceAndDropsTheTailOnlyWhenAsked() {
        List<int[]> b = BatchSamplers.BATCH_SAMPLER.batches(distinct(10, 2), 4, false, new SplittableRandom(1));
        assertThat(b).extracting(x -> x.length).containsExactly(4, 4, 2);
        assertThat(flat(b))
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 10).boxed().toList());
        assertThat(flat(b)).isNotEqualTo(IntStream.range(0, 10).boxed().toList());
        assertThat(BatchSamplers.BATCH_SAMPLER.batches(distinct(10, 2), 4, true, new SplittableRandom(1)))
                .hasSize(2);
        assertThat(flat(BatchSamplers.BATCH_SAMPLER.batches(distinct(10, 2), 4, false, new SplittableRandom(1))))
                .isEqualTo(flat(b));
        assertThat(BatchSamplers.BATCH_SAMPLER.expectedBatches(10, 4, false)).isEqualTo(3);
    }

    @Test
    void noDuplicatesKeepsRepeatedTextsInDifferentBatchesAndUsesEveryRow() {
        List<Set<String>> v = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            v.add(Set.of("query" + (i % 3), "doc" + i)); // each query text appears 4 times
        }
        List<int[]> b = BatchSamplers.NO_DUPLICATES.batches(new Rows(v, 2), 3, false, new SplittableRandom(5));
        for (int[] batch : b) {
            Set<String> seen = new HashSet<>();
            for (int i : batch) {
                for (String s : v.get(i)) {
                    assertThat(seen.add(s)).as("a value repeats within a batch").isTrue();
                }
            }
        }
        assertThat(flat(b))
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 12).boxed().toList());
    }

    @Test
    void groupByLabelPutsTwoRowsOfEachOfSeveralLabelsInABatch() {
        List<int[]> b = BatchSamplers.GROUP_BY_LABEL.batches(distinct(24, 3), 6, false, new SplittableRandom(2));
        assertThat(b).isNotEmpty();
        for (int[] batch : b) {
            Map<Integer, Integer> perLabel = new HashMap<>();
            for (int i : batch) {
                perLabel.merge(i % 3, 1, Integer::sum);
            }
            assertThat(perLabel.size()).isGreaterThanOrEqualTo(2);
            assertThat(perLabel.values()).allMatch(c -> c % 2 == 0);
        }
        assertThatThrownBy(
                        () -> BatchSamplers.GROUP_BY_LABEL.batches(distinct(5, 1), 4, false, new SplittableRandom(2)))
                .hasMessageContaining("needs at least 2 labels with 2 rows or more");
    }

    @Test
    void multiDatasetOrders() {
        List<int[]> proportional = MultiDatasetBatchSamplers.PROPORTIONAL.order(List.of(3, 1), new SplittableRandom(3));
        assertThat(proportional).hasSize(4);
        assertThat(proportional.stream().filter(p -> p[0] == 0).map(p -> p[1]).toList())
                .containsExactly(0, 1, 2);
        List<int[]> roundRobin = MultiDatasetBatchSamplers.ROUND_ROBIN.order(List.of(3, 2), new SplittableRandom(3));
        assertThat(roundRobin).extracting(p -> p[0]).containsExactly(0, 1, 0, 1);
        assertThat(MultiDatasetBatchSamplers.ROUND_ROBIN.total(List.of(3, 2))).isEqualTo(4);
        assertThat(MultiDatasetBatchSamplers.PROPORTIONAL.total(List.of(3, 2))).isEqualTo(5);
    }
}
