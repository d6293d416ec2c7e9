package dev.rerank4j.eval;

import dev.rerank4j.PairScorer;
import dev.rerank4j.TextPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A lookup-table model: each known (query, document) pair has one score; unknown pairs fail. Counts calls. */
final class LookupScorer implements PairScorer {
    private final Map<TextPair, Float> scores = new HashMap<>();
    private final List<Integer> callSizes = new ArrayList<>();

    LookupScorer put(String query, String document, double score) {
        scores.put(new TextPair(query, document), (float) score);
        return this;
    }

    @Override
    public float[][] score(List<TextPair> pairs) {
        callSizes.add(pairs.size());
        float[][] out = new float[pairs.size()][];
        for (int i = 0; i < out.length; i++) {
            Float score = scores.get(pairs.get(i));
            if (score == null) {
                throw new IllegalArgumentException("no score for " + pairs.get(i));
            }
            out[i] = new float[] {score};
        }
        return out;
    }

    List<Integer> callSizes() {
        return callSizes;
    }
}
