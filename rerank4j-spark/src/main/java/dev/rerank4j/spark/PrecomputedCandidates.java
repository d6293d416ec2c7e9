package dev.rerank4j.spark;

import dev.rerank4j.mining.CandidateSource;
import dev.rerank4j.retrieval.Neighbours;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The distributed search's result as core's {@link CandidateSource}, so that core's {@code HardNegativeMiner} applies
 * its filters, ranges, sampling and output formats to it unchanged. The corpus it is handed is the compact one the
 * driver holds (every candidate and positive, in global id order), so compact index {@code i} is global id {@code
 * ids[i]} and ties keep the single-JVM order.
 */
final class PrecomputedCandidates implements CandidateSource {
    private final List<String> queries;
    private final long[] globalIds;
    private final TopCandidates[] results;
    private final int k;
    private final String description;
    private final RetrievalTimings timings;

    PrecomputedCandidates(
            List<String> queries,
            long[] globalIds,
            TopCandidates[] results,
            int k,
            String description,
            RetrievalTimings timings) {
        this.queries = List.copyOf(queries);
        this.globalIds = globalIds;
        this.results = results;
        this.k = k;
        this.description = description;
        this.timings = timings;
    }

    @Override
    public Retrieved retrieve(List<String> qs, List<String> corpus, List<int[]> positives, int kAsked, int batchSize) {
        if (!qs.equals(queries) || kAsked != k || corpus.size() != globalIds.length) {
            throw new IllegalStateException("the miner asked for " + qs.size() + " queries, k=" + kAsked + " over "
                    + corpus.size() + " documents; the distributed search found " + queries.size() + ", k=" + k
                    + " over " + globalIds.length);
        }
        int[] ids = new int[qs.size() * k];
        float[] scores = new float[ids.length];
        List<float[]> positiveScores = new ArrayList<>(qs.size());
        for (int q = 0; q < qs.size(); q++) {
            TopCandidates found = results[q];
            for (int r = 0; r < k; r++) {
                boolean present = r < found.ids().length;
                ids[q * k + r] = present ? compact(found.ids()[r]) : -1;
                scores[q * k + r] = present ? found.scores()[r] : Float.NEGATIVE_INFINITY;
            }
            int[] p = positives.get(q);
            float[] s = new float[p.length];
            for (int j = 0; j < p.length; j++) {
                s[j] = found.positiveScore(globalIds[p[j]]);
                if (Float.isNaN(s[j])) {
                    throw new IllegalStateException("no score for positive " + globalIds[p[j]] + " of query " + q);
                }
            }
            positiveScores.add(s);
        }
        return new Retrieved(new Neighbours(qs.size(), k, ids, scores), positiveScores, timings);
    }

    private int compact(long id) {
        int at = Arrays.binarySearch(globalIds, id);
        if (at < 0) {
            throw new IllegalStateException("candidate " + id + " is not in the compact corpus");
        }
        return at;
    }

    @Override
    public String describe() {
        return description;
    }
}
