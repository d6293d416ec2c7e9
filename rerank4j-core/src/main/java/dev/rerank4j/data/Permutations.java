package dev.rerank4j.data;

import java.util.SplittableRandom;

/** Seeded shuffles, shared by dataset shuffling and the trainer's batch samplers so that one seed means one order. */
public final class Permutations {
    private Permutations() {}

    /** A permutation of {@code 0..n-1} by Fisher-Yates from the last position down, drawing from {@code random}. */
    public static int[] of(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
