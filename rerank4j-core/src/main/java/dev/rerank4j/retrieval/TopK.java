package dev.rerank4j.retrieval;

import java.util.Arrays;

/**
 * Running top-k of many queries at once: one bounded min-heap per query in flat arrays. Documents must be offered in
 * increasing index order; then ties keep the lower index, as a stable sort would.
 */
final class TopK {
    private final int k;
    private final int[] ids;
    private final float[] scores;
    private final int[] sizes;

    TopK(int queries, int k) {
        this.k = k;
        this.ids = new int[queries * k];
        this.scores = new float[queries * k];
        this.sizes = new int[queries];
    }

    /** Offers document {@code id} with {@code score} to query {@code q}. */
    void offer(int q, int id, float score) {
        int base = q * k;
        int n = sizes[q];
        if (n < k) {
            ids[base + n] = id;
            scores[base + n] = score;
            sizes[q] = n + 1;
            siftUp(base, n);
        } else if (k > 0 && score > scores[base]) {
            ids[base] = id;
            scores[base] = score;
            siftDown(base, k);
        }
    }

    /** The smallest score query {@code q} keeps, or -inf while it holds fewer than k. */
    float threshold(int q) {
        return sizes[q] < k ? Float.NEGATIVE_INFINITY : scores[q * k];
    }

    /** The result, each row sorted best first (score descending, then index ascending), padded with -1/-inf. */
    Neighbours result() {
        int queries = sizes.length;
        int[] outIds = new int[queries * k];
        float[] outScores = new float[queries * k];
        Integer[] order = new Integer[k];
        for (int q = 0; q < queries; q++) {
            int base = q * k;
            int n = sizes[q];
            for (int i = 0; i < n; i++) {
                order[i] = base + i;
            }
            Arrays.sort(order, 0, n, (a, b) -> {
                int c = Float.compare(scores[b], scores[a]);
                return c != 0 ? c : Integer.compare(ids[a], ids[b]);
            });
            for (int r = 0; r < k; r++) {
                outIds[base + r] = r < n ? ids[order[r]] : -1;
                outScores[base + r] = r < n ? scores[order[r]] : Float.NEGATIVE_INFINITY;
            }
        }
        return new Neighbours(queries, k, outIds, outScores);
    }

    /** Heap order: the root is the worst kept document (lowest score; for equal scores, highest index). */
    private boolean worse(int a, int b) {
        int c = Float.compare(scores[a], scores[b]);
        return c < 0 || c == 0 && ids[a] > ids[b];
    }

    private void siftUp(int base, int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!worse(base + i, base + parent)) {
                return;
            }
            swap(base + i, base + parent);
            i = parent;
        }
    }

    private void siftDown(int base, int n) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int w = i;
            if (l < n && worse(base + l, base + w)) {
                w = l;
            }
            if (r < n && worse(base + r, base + w)) {
                w = r;
            }
            if (w == i) {
                return;
            }
            swap(base + i, base + w);
            i = w;
        }
    }

    private void swap(int a, int b) {
        int id = ids[a];
        ids[a] = ids[b];
        ids[b] = id;
        float s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
    }
}
