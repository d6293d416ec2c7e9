package dev.rerank4j.mining;

import dev.rerank4j.TextPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deduplicated view of {@link MiningData} that {@code mine_hard_negatives} works on: unique anchors in first-seen
 * order, the corpus {@code dict.fromkeys(corpus + positives)}, each anchor's distinct positives as corpus indices, and
 * each anchor's row count (duplicates included, which is what sentence-transformers' {@code max_positives} counts).
 */
final class MiningInput {
    final List<String> queries;
    final List<String> corpus;
    final List<int[]> positives;
    final int maxPositives;
    final int inputRows;

    private MiningInput(List<String> queries, List<String> corpus, List<int[]> positives, int maxPositives, int rows) {
        this.queries = queries;
        this.corpus = corpus;
        this.positives = positives;
        this.maxPositives = maxPositives;
        this.inputRows = rows;
    }

    static MiningInput of(MiningData data) {
        Map<String, Integer> corpusIndex = new LinkedHashMap<>();
        for (String doc : data.corpus()) {
            corpusIndex.putIfAbsent(doc, corpusIndex.size());
        }
        Map<String, Integer> queryIndex = new LinkedHashMap<>();
        List<List<Integer>> positives = new ArrayList<>();
        List<Integer> rowCounts = new ArrayList<>();
        for (TextPair pair : data.pairs()) {
            Integer pos = corpusIndex.putIfAbsent(pair.document(), corpusIndex.size());
            int p = pos == null ? corpusIndex.size() - 1 : pos;
            Integer q = queryIndex.putIfAbsent(pair.query(), queryIndex.size());
            if (q == null) {
                q = queryIndex.size() - 1;
                positives.add(new ArrayList<>());
                rowCounts.add(0);
            }
            rowCounts.set(q, rowCounts.get(q) + 1);
            if (!positives.get(q).contains(p)) {
                positives.get(q).add(p);
            }
        }
        List<int[]> pos = positives.stream()
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toList();
        int maxRows = rowCounts.stream().mapToInt(Integer::intValue).max().orElse(0);
        return new MiningInput(
                List.copyOf(queryIndex.keySet()),
                List.copyOf(corpusIndex.keySet()),
                pos,
                maxRows,
                data.pairs().size());
    }

    /** Total distinct (anchor, positive) pairs. */
    int positivePairs() {
        return positives.stream().mapToInt(p -> p.length).sum();
    }
}
