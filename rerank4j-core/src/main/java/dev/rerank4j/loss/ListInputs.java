package dev.rerank4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.rerank4j.TextPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The inputs of the listwise losses (ListNet, ListMLE, PListMLE, LambdaLoss, RankNet, ADR-MSE): rows of (query,
 * [documents]) with one label per document. Lists may differ in length within a batch. The (query, document) pairs are
 * flattened query by query and scored in chunks of {@code mini_batch_size} pairs, as sentence-transformers does: none
 * means as many pairs per chunk as the batch has queries, zero or less means all pairs at once.
 */
final class ListInputs {
    private final List<String> queries;
    private final List<List<String>> documents;
    private final List<float[]> labels;

    private ListInputs(List<String> queries, List<List<String>> documents, List<float[]> labels) {
        this.queries = queries;
        this.documents = documents;
        this.labels = labels;
    }

    static ListInputs of(Batch batch) {
        return new ListInputs(batch.texts(0), batch.textLists(1), batch.listLabels());
    }

    static Optional<String> checkLayout(String loss, int inputColumns, boolean hasLabel) {
        if (inputColumns != 2) {
            return Optional.of(loss + " expects 2 input columns (query, [documents]), got " + inputColumns);
        }
        if (!hasLabel) {
            return Optional.of(loss + " expects a label column (labels or scores) with one label per document");
        }
        return Optional.empty();
    }

    static Optional<String> checkRow(Batch row) {
        Object q = row.inputs().get(0).get(0);
        if (!(q instanceof String)) {
            return Optional.of("input 1 must be the query text, got " + Labels.describe(q));
        }
        Object docs = row.inputs().get(1).get(0);
        if (!(docs instanceof List<?> list) || list.isEmpty()) {
            return Optional.of("input 2 must be a non-empty list of document texts, got " + Labels.describe(docs));
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String)) {
                return Optional.of("document " + i + " of input 2 must be a text, got " + Labels.describe(list.get(i)));
            }
        }
        Object labels = row.labels().get(0);
        if (!(labels instanceof List<?> ls) || ls.size() != list.size()) {
            return Optional.of("the label must be a list of " + list.size() + " numbers (one per document), got "
                    + Labels.describe(labels));
        }
        for (int i = 0; i < ls.size(); i++) {
            Optional<Double> n = Labels.number(ls.get(i));
            if (n.isEmpty() || !Double.isFinite(n.get())) {
                return Optional.of("label " + i + " must be a finite number, got " + Labels.describe(ls.get(i)));
            }
        }
        return Optional.empty();
    }

    int queries() {
        return queries.size();
    }

    int length(int query) {
        return documents.get(query).size();
    }

    int maxLength() {
        return documents.stream().mapToInt(List::size).max().orElse(0);
    }

    /** The labels of one query's documents. */
    float[] labels(int query) {
        return labels.get(query);
    }

    /** Every (query, document) pair, query by query. */
    List<TextPair> pairs() {
        List<TextPair> out = new ArrayList<>();
        for (int q = 0; q < queries.size(); q++) {
            for (String d : documents.get(q)) {
                out.add(new TextPair(queries.get(q), d));
            }
        }
        return out;
    }

    /**
     * The model's logits for {@link #pairs()}, flat, scored in chunks of the mini-batch size.
     *
     * @param miniBatchSizeOrNull pairs per chunk; null (None) = as many as there are queries, {@code <= 0} = all
     */
    NDArray logits(PairModel model, Integer miniBatchSizeOrNull) {
        List<TextPair> pairs = pairs();
        int chunk = miniBatchSizeOrNull != null ? miniBatchSizeOrNull : queries.size();
        if (chunk <= 0) {
            chunk = pairs.size();
        }
        NDList parts = new NDList();
        for (int from = 0; from < pairs.size(); from += chunk) {
            parts.add(model.logits(pairs.subList(from, Math.min(pairs.size(), from + chunk)))
                    .reshape(-1));
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts);
    }

    /** Flat values split into one array per query. */
    double[][] ragged(double[] flat) {
        double[][] out = new double[queries.size()][];
        int at = 0;
        for (int q = 0; q < out.length; q++) {
            out[q] = new double[length(q)];
            for (int i = 0; i < out[q].length; i++) {
                out[q][i] = flat[at++];
            }
        }
        return out;
    }

    /** The labels as doubles, one array per query. */
    double[][] labelMatrix() {
        double[][] out = new double[labels.size()][];
        for (int q = 0; q < out.length; q++) {
            float[] l = labels.get(q);
            out[q] = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                out[q][i] = l[i];
            }
        }
        return out;
    }

    /** One array per query flattened back, query by query. */
    static double[] flatten(double[][] ragged) {
        int n = 0;
        for (double[] r : ragged) {
            n += r.length;
        }
        double[] out = new double[n];
        int at = 0;
        for (double[] r : ragged) {
            System.arraycopy(r, 0, out, at, r.length);
            at += r.length;
        }
        return out;
    }
}
