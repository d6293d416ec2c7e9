package dev.rerank4j.cli;

import dev.rerank4j.PairScorer;
import dev.rerank4j.TextPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scorer that remembers the scores of the pairs it scored, so that evaluating the same candidates again (another
 * {@code --fusion}) costs no model call. Off: every call goes to the model.
 */
final class MemoizingScorer implements PairScorer {
    private final PairScorer model;
    private final boolean remember;
    private final Map<TextPair, float[]> scores = new HashMap<>();

    MemoizingScorer(PairScorer model, boolean remember) {
        this.model = model;
        this.remember = remember;
    }

    @Override
    public float[][] score(List<TextPair> pairs) {
        if (!remember) {
            return model.score(pairs);
        }
        List<TextPair> missing = new ArrayList<>();
        for (TextPair pair : pairs) {
            if (!scores.containsKey(pair)) {
                missing.add(pair);
            }
        }
        if (!missing.isEmpty()) {
            float[][] fresh = model.score(missing);
            for (int i = 0; i < fresh.length; i++) {
                scores.put(missing.get(i), fresh[i]);
            }
        }
        float[][] out = new float[pairs.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = scores.get(pairs.get(i)).clone();
        }
        return out;
    }
}
