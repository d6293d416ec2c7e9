package dev.rerank4j.bench;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * MAP, MRR@10 and NDCG@10 (binary, linear gains, log2 discount) of scored candidate lists, averaged over queries; the
 * benchmark's own small implementation (ties are ranked in input order).
 *
 * @param map mean average precision over the full lists
 * @param mrr10 mean reciprocal rank of the first relevant document within the top 10
 * @param ndcg10 mean NDCG@10
 */
record RankingScores(double map, double mrr10, double ndcg10) {
    static RankingScores of(List<WikiQa.Query> queries, List<float[]> scores) {
        double map = 0;
        double mrr = 0;
        double ndcg = 0;
        for (int q = 0; q < queries.size(); q++) {
            List<Integer> labels = queries.get(q).labels();
            float[] s = scores.get(q);
            int[] order = IntStream.range(0, s.length)
                    .boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -s[i]))
                    .mapToInt(Integer::intValue)
                    .toArray();
            int hits = 0;
            double ap = 0;
            double dcg = 0;
            double rr = 0;
            for (int r = 0; r < order.length; r++) {
                if (labels.get(order[r]) > 0) {
                    hits++;
                    ap += (double) hits / (r + 1);
                    if (r < 10) {
                        dcg += 1 / log2(r + 2);
                        if (rr == 0) {
                            rr = 1.0 / (r + 1);
                        }
                    }
                }
            }
            int relevant = hits;
            double ideal = 0;
            for (int r = 0; r < Math.min(10, relevant); r++) {
                ideal += 1 / log2(r + 2);
            }
            map += ap / relevant;
            mrr += rr;
            ndcg += dcg / ideal;
        }
        int n = queries.size();
        return new RankingScores(map / n, mrr / n, ndcg / n);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Override
    public String toString() {
        return String.format("MAP %.4f  MRR@10 %.4f  NDCG@10 %.4f", map, mrr10, ndcg10);
    }

    /** The values as a Markdown table row's cells. */
    String cells() {
        return String.format("%.4f | %.4f | %.4f", map, mrr10, ndcg10);
    }
}
