package dev.rerank4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The order of training batches: each epoch, every dataset's rows are batched by the {@code batch_sampler} and the
 * datasets' batches interleaved by the {@code multi_dataset_batch_sampler}, with generators seeded from the seed, the
 * epoch and the dataset, so an epoch's order is a pure function of them and a resumed run sees the same batches.
 */
final class DataOrder {
    /** One batch: the dataset it comes from and its row indices. */
    record Planned(int dataset, int[] rows) {}

    private final List<PreparedDataset> datasets;
    private final BatchSamplers sampler;
    private final MultiDatasetBatchSamplers multi;
    private final int batchSize;
    private final boolean dropLast;
    private final long seed;

    DataOrder(List<PreparedDataset> datasets, TrainingArguments args) {
        this.datasets = List.copyOf(datasets);
        this.sampler = args.batchSampler();
        this.multi = args.multiDatasetBatchSampler();
        this.batchSize = args.perDeviceTrainBatchSize();
        this.dropLast = args.dataloaderDropLast();
        this.seed = args.seed();
    }

    /** The batches of epoch {@code epoch} (0-based), in training order. */
    List<Planned> epoch(int epoch) {
        List<List<int[]>> perDataset = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (int d = 0; d < datasets.size(); d++) {
            SplittableRandom random = new SplittableRandom(mix(seed, epoch, d + 1));
            List<int[]> b = sampler.batches(datasets.get(d), batchSize, dropLast, random);
            perDataset.add(b);
            counts.add(b.size());
        }
        List<Planned> out = new ArrayList<>();
        for (int[] pick : multi.order(counts, new SplittableRandom(mix(seed, epoch, 0)))) {
            out.add(new Planned(pick[0], perDataset.get(pick[0]).get(pick[1])));
        }
        return out;
    }

    /** The expected number of batches per epoch (exact for the default samplers). */
    int expectedBatchesPerEpoch() {
        List<Integer> counts = new ArrayList<>();
        for (PreparedDataset d : datasets) {
            counts.add(sampler.expectedBatches(d.size(), batchSize, dropLast));
        }
        return multi.total(counts);
    }

    /** A 64-bit mix of the seed with two small numbers (SplittableRandom's golden-ratio increments). */
    static long mix(long seed, long a, long b) {
        long z = seed + 0x9E3779B97F4A7C15L * (a + 1) + 0xBF58476D1CE4E5B9L * (b + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
