package dev.rerank4j.train;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * How one dataset's rows are grouped into batches each epoch ({@code batch_sampler}), as sentence-transformers'
 * {@code BatchSamplers}. The order depends only on the random generator handed in, which the trainer seeds with the
 * seed and the epoch.
 */
public enum BatchSamplers {
    /** Shuffle the rows, then cut them into batches (PyTorch's RandomSampler + BatchSampler). */
    BATCH_SAMPLER {
        @Override
        List<int[]> batches(SamplerRows rows, int batchSize, boolean dropLast, SplittableRandom random) {
            int[] order = permutation(rows.size(), random);
            List<int[]> out = new ArrayList<>();
            for (int from = 0; from < order.length; from += batchSize) {
                int to = Math.min(order.length, from + batchSize);
                if (to - from == batchSize || !dropLast) {
                    out.add(Arrays.copyOfRange(order, from, to));
                }
            }
            return out;
        }
    },
    /**
     * Shuffle, then fill each batch with rows none of whose input values already appear in it; rows that clash wait
     * for a later batch (sentence-transformers' NoDuplicatesBatchSampler). For in-batch-negative losses.
     */
    NO_DUPLICATES {
        @Override
        List<int[]> batches(SamplerRows rows, int batchSize, boolean dropLast, SplittableRandom random) {
            List<Integer> remaining = new ArrayList<>();
            for (int i : permutation(rows.size(), random)) {
                remaining.add(i);
            }
            List<int[]> out = new ArrayList<>();
            while (!remaining.isEmpty()) {
                Set<String> seen = new HashSet<>();
                List<Integer> batch = new ArrayList<>();
                List<Integer> deferred = new ArrayList<>();
                for (Integer i : remaining) {
                    Set<String> values = rows.inputValues(i);
                    if (batch.size() == batchSize || values.stream().anyMatch(seen::contains)) {
                        deferred.add(i);
                        continue;
                    }
                    batch.add(i);
                    seen.addAll(values);
                }
                remaining = deferred;
                if (batch.size() == batchSize || !dropLast) {
                    out.add(batch.stream().mapToInt(Integer::intValue).toArray());
                }
            }
            return out;
        }
    },
    /**
     * Batches with at least two rows of each of several labels (sentence-transformers' GroupByLabelBatchSampler):
     * rows are shuffled within their label, and labels take turns giving two rows each. Needs an even batch size of
     * at least 4 and two labels with two rows or more.
     */
    GROUP_BY_LABEL {
        @Override
        List<int[]> batches(SamplerRows rows, int batchSize, boolean dropLast, SplittableRandom random) {
            Map<String, List<Integer>> groups = new LinkedHashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                groups.computeIfAbsent(rows.label(i), k -> new ArrayList<>()).add(i);
            }
            Map<String, Deque<Integer>> queues = new LinkedHashMap<>();
            for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
                List<Integer> idx = g.getValue().subList(0, g.getValue().size() / 2 * 2);
                if (idx.size() >= 2) {
                    Deque<Integer> q = new ArrayDeque<>();
                    for (int p : permutation(idx.size(), random)) {
                        q.add(idx.get(p));
                    }
                    queues.put(g.getKey(), q);
                }
            }
            if (queues.size() < 2) {
                throw new IllegalArgumentException("batch_sampler GROUP_BY_LABEL needs at least 2 labels with 2 rows or"
                        + " more each; found " + queues.size());
            }
            List<String> labels = new ArrayList<>(queues.keySet());
            List<int[]> out = new ArrayList<>();
            List<Integer> batch = new ArrayList<>();
            while (labels.size() >= 2) {
                int[] order = permutation(labels.size(), random);
                for (int o : order) {
                    Deque<Integer> q = queues.get(labels.get(o));
                    batch.add(q.poll());
                    batch.add(q.poll());
                    if (batch.size() >= batchSize) {
                        out.add(batch.subList(0, batchSize).stream()
                                .mapToInt(Integer::intValue)
                                .toArray());
                        batch = new ArrayList<>(batch.subList(batchSize, batch.size()));
                    }
                }
                labels.removeIf(l -> queues.get(l).isEmpty());
            }
            if (!dropLast && batch.size() >= 4) {
                out.add(batch.stream().mapToInt(Integer::intValue).toArray());
            }
            return out;
        }
    };

    /** One epoch's batches of row indices. */
    abstract List<int[]> batches(SamplerRows rows, int batchSize, boolean dropLast, SplittableRandom random);

    /** The number of batches an epoch is expected to have (exact for BATCH_SAMPLER, an upper bound otherwise). */
    int expectedBatches(int rows, int batchSize, boolean dropLast) {
        return dropLast ? rows / batchSize : (rows + batchSize - 1) / batchSize;
    }

    /** Checks the batch size against what this sampler needs; returns the problem, if any. */
    java.util.Optional<String> checkBatchSize(int batchSize) {
        if (this == GROUP_BY_LABEL && (batchSize < 4 || batchSize % 2 == 1)) {
            return java.util.Optional.of("batch_sampler GROUP_BY_LABEL needs per_device_train_batch_size to be an even"
                    + " number >= 4, got " + batchSize);
        }
        return java.util.Optional.empty();
    }

    static int[] permutation(int n, SplittableRandom random) {
        return dev.rerank4j.data.Permutations.of(n, random);
    }
}
