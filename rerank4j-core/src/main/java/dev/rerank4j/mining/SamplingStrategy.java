package dev.rerank4j.mining;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How negatives are picked among the eligible candidates of an anchor's rank window (sentence-transformers'
 * {@code sampling_strategy}).
 */
public sealed interface SamplingStrategy permits SamplingStrategy.Top, SamplingStrategy.Random {
    /** The most similar eligible candidates ({@code "top"}). */
    record Top() implements SamplingStrategy {
        @Override
        public int[] pick(int eligible, int wanted, SplittableRandom random) {
            int n = Math.min(eligible, wanted);
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = i;
            }
            return out;
        }
    }

    /**
     * A uniform sample without replacement among the eligible candidates ({@code "random"}), re-sorted by score.
     *
     * @param seed the seed; the same seed and inputs give the same negatives
     */
    record Random(long seed) implements SamplingStrategy {
        @Override
        public int[] pick(int eligible, int wanted, SplittableRandom random) {
            int n = Math.min(eligible, wanted);
            int[] pool = new int[eligible];
            for (int i = 0; i < eligible; i++) {
                pool[i] = i;
            }
            for (int i = 0; i < n; i++) { // partial Fisher-Yates
                int j = i + random.nextInt(eligible - i);
                int t = pool[i];
                pool[i] = pool[j];
                pool[j] = t;
            }
            int[] out = Arrays.copyOf(pool, n);
            Arrays.sort(out); // positions in a best-first window: ascending = by score, descending
            return out;
        }
    }

    /** {@code "top"}. */
    static SamplingStrategy top() {
        return new Top();
    }

    /** {@code "random"} with a seed. */
    static SamplingStrategy random(long seed) {
        return new Random(seed);
    }

    /**
     * Picks negatives.
     *
     * @param eligible number of eligible candidates, best first
     * @param wanted number of negatives asked for
     * @param random the anchor's random stream (unused by {@link Top})
     * @return positions among the eligible candidates, ascending (best first), at most {@code wanted}
     */
    int[] pick(int eligible, int wanted, SplittableRandom random);

    /** The seed of the run's random stream (0 for {@link Top}). */
    default long seed() {
        return this instanceof Random r ? r.seed() : 0L;
    }
}
