package dev.rerank4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.rerank4j.TextPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A lookup-table model, as the golden files' generator used: every (query, document) pair maps to one row of logits
 * in a single leaf array that records gradients, so that d(loss)/d(logit) can be read per pair. Records the pairs of
 * every call, with and without a graph.
 */
final class LookupPairModel implements PairModel {
    private final NDManager manager;
    private final Map<String, Integer> rows;
    private final NDArray table;
    private final int numLabels;
    private final List<List<String>> calls = new ArrayList<>();
    private final List<List<String>> callsWithoutGradient = new ArrayList<>();
    private GradientCollector collector;

    /**
     * @param rows the row of each pair, keyed {@code query|||document}
     * @param logits the table, {@code numLabels} values per row
     */
    LookupPairModel(NDManager manager, Map<String, Integer> rows, float[] logits, int numLabels) {
        this.manager = manager;
        this.rows = rows;
        this.numLabels = numLabels;
        this.table = manager.create(logits, new Shape(logits.length / numLabels, numLabels));
        table.setRequiresGradient(true);
    }

    static String key(String query, String document) {
        return query + "|||" + document;
    }

    /** Where {@link #backward} sends gradients; null outside training. */
    void collector(GradientCollector gc) {
        this.collector = gc;
    }

    @Override
    public NDArray logits(List<TextPair> pairs) {
        calls.add(keys(pairs));
        return lookup(pairs);
    }

    @Override
    public NDArray logitsWithoutGradient(List<TextPair> pairs) {
        callsWithoutGradient.add(keys(pairs));
        return lookup(pairs).stopGradient();
    }

    @Override
    public void backward(NDArray scalar) {
        if (collector == null) {
            throw new IllegalStateException("not training");
        }
        collector.backward(scalar);
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public int numLabels() {
        return numLabels;
    }

    @Override
    public boolean training() {
        return collector != null;
    }

    /** d(loss)/d(logit) for every row, flat; zeros before any backward. */
    float[] gradient() {
        try (NDArray g = table.getGradient()) {
            return g.toFloatArray();
        }
    }

    /** The pairs of every call with a graph. */
    List<List<String>> calls() {
        return calls;
    }

    /** The pairs of every call without a graph. */
    List<List<String>> callsWithoutGradient() {
        return callsWithoutGradient;
    }

    private NDArray lookup(List<TextPair> pairs) {
        long[] idx = new long[pairs.size()];
        for (int i = 0; i < idx.length; i++) {
            Integer row = rows.get(key(pairs.get(i).query(), pairs.get(i).document()));
            if (row == null) {
                throw new IllegalArgumentException("no logit for the pair " + pairs.get(i));
            }
            idx[i] = row;
        }
        return table.get(manager.create(idx));
    }

    private static List<String> keys(List<TextPair> pairs) {
        return pairs.stream().map(p -> key(p.query(), p.document())).toList();
    }
}
