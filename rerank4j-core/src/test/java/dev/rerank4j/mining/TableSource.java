package dev.rerank4j.mining;

import dev.rerank4j.retrieval.Neighbours;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A candidate source with scores from a table: {@code query → document → score}. Documents absent from a query's
 * table are never retrieved for it; positives absent from it score 0. Records the k it was asked for.
 */
final class TableSource implements CandidateSource {
    final Map<String, Map<String, Float>> table;
    int askedK;
    List<String> seenCorpus = List.of();

    TableSource(Map<String, Map<String, Float>> table) {
        this.table = table;
    }

    @Override
    public Retrieved retrieve(List<String> queries, List<String> corpus, List<int[]> positives, int k, int batchSize) {
        askedK = k;
        seenCorpus = corpus;
        int[] ids = new int[queries.size() * k];
        float[] scores = new float[queries.size() * k];
        Arrays.fill(ids, -1);
        Arrays.fill(scores, Float.NEGATIVE_INFINITY);
        List<float[]> positiveScores = new ArrayList<>();
        for (int q = 0; q < queries.size(); q++) {
            Map<String, Float> row = table.getOrDefault(queries.get(q), Map.of());
            int[] ranked = IntStream.range(0, corpus.size())
                    .filter(d -> row.containsKey(corpus.get(d)))
                    .boxed()
                    .sorted(Comparator.comparingDouble((Integer d) -> -row.get(corpus.get(d)))
                            .thenComparingInt(d -> d))
                    .mapToInt(Integer::intValue)
                    .toArray();
            for (int r = 0; r < Math.min(k, ranked.length); r++) {
                ids[q * k + r] = ranked[r];
                scores[q * k + r] = row.get(corpus.get(ranked[r]));
            }
            int[] p = positives.get(q);
            float[] ps = new float[p.length];
            for (int i = 0; i < p.length; i++) {
                ps[i] = row.getOrDefault(corpus.get(p[i]), 0f);
            }
            positiveScores.add(ps);
        }
        return new Retrieved(
                new Neighbours(queries.size(), k, ids, scores), positiveScores, new RetrievalTimings(0, 0, 0, 0));
    }

    @Override
    public String describe() {
        return "table";
    }
}
