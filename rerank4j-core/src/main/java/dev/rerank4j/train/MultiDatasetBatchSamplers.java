package dev.rerank4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The order in which batches of several training datasets follow each other ({@code multi_dataset_batch_sampler}),
 * as sentence-transformers' {@code MultiDatasetBatchSamplers}. Every batch comes from one dataset.
 */
public enum MultiDatasetBatchSamplers {
    /** Every batch of every dataset once, in a random order: larger datasets come up more often. */
    PROPORTIONAL {
        @Override
        List<int[]> order(List<Integer> batchCounts, SplittableRandom random) {
            List<Integer> which = new ArrayList<>();
            for (int d = 0; d < batchCounts.size(); d++) {
                for (int b = 0; b < batchCounts.get(d); b++) {
                    which.add(d);
                }
            }
            int[] perm = BatchSamplers.permutation(which.size(), random);
            int[] next = new int[batchCounts.size()];
            List<int[]> out = new ArrayList<>(which.size());
            for (int p : perm) {
                int d = which.get(p);
                out.add(new int[] {d, next[d]++});
            }
            return out;
        }
    },
    /** One batch of each dataset in turn, until the smallest runs out: every dataset is seen equally often. */
    ROUND_ROBIN {
        @Override
        List<int[]> order(List<Integer> batchCounts, SplittableRandom random) {
            int rounds = batchCounts.stream().mapToInt(Integer::intValue).min().orElse(0);
            List<int[]> out = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                for (int d = 0; d < batchCounts.size(); d++) {
                    out.add(new int[] {d, r});
                }
            }
            return out;
        }
    };

    /** The epoch's sequence of (dataset, batch index within that dataset's epoch) pairs. */
    abstract List<int[]> order(List<Integer> batchCounts, SplittableRandom random);

    /** The number of batches an epoch has, from each dataset's count. */
    int total(List<Integer> batchCounts) {
        return this == PROPORTIONAL
                ? batchCounts.stream().mapToInt(Integer::intValue).sum()
                : batchCounts.stream().mapToInt(Integer::intValue).min().orElse(0) * batchCounts.size();
    }
}
