package dev.rerank4j;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A reranker: scores (query, document) pairs and ranks documents for a query. The contract every front end uses (the
 * command line, a server, adapters for other libraries), whatever model and engine sit behind it.
 *
 * <p>Implementations are thread-safe: concurrent calls share the model. Close a reranker once no call is running.
 */
public interface Reranker extends PairScorer, AutoCloseable {
    /**
     * Scores pairs: one row per pair (one score per label), in input order.
     *
     * @param pairs the pairs, in any order; may be empty
     * @param options batch size, activation and progress
     */
    float[][] predictLabels(List<TextPair> pairs, PredictOptions options);

    /** Number of outputs per pair (1 for a reranker). */
    int numLabels();

    /** The most tokens a pair keeps. */
    int maxLength();

    /**
     * Counts the tokens of each pair exactly as this model tokenizes it (for usage reports, token budgets, and to
     * refuse a pair that would be truncated). A reranker without a tokenizer of its own returns empty, and callers
     * estimate.
     *
     * @param pairs the pairs; may be empty
     * @return one count per pair, in input order, or empty when this reranker cannot count
     */
    default Optional<List<TokenCount>> countTokens(List<TextPair> pairs) {
        return Optional.empty();
    }

    /** {@link PairScorer}: the default prediction, one row per pair. */
    @Override
    default float[][] score(List<TextPair> pairs) {
        return predictLabels(pairs, PredictOptions.defaults());
    }

    /**
     * Scores pairs of a one-label model: one score per pair, in input order.
     *
     * @throws IllegalStateException if the model has more than one label (use {@link #predictLabels})
     */
    default float[] predict(List<TextPair> pairs, PredictOptions options) {
        requireOneLabel("predict");
        float[][] rows = predictLabels(pairs, options);
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][0];
        }
        return out;
    }

    /** Scores pairs of a one-label model with the default options. */
    default float[] predict(List<TextPair> pairs) {
        return predict(pairs, PredictOptions.defaults());
    }

    /** Scores one pair of a one-label model. */
    default float predict(TextPair pair) {
        return predict(List.of(pair), PredictOptions.defaults().withProgress(ProgressMode.OFF))[0];
    }

    /**
     * Ranks documents for a query by score, highest first (ties keep input order).
     *
     * @throws IllegalStateException if the model has more than one label
     */
    default List<RankedDocument> rank(String query, List<String> documents, RankOptions options) {
        requireOneLabel("rank");
        List<TextPair> pairs =
                documents.stream().map(d -> new TextPair(query, d)).toList();
        float[] scores = predict(pairs, options.predict());
        List<RankedDocument> ranked = new ArrayList<>(documents.size());
        for (int i = 0; i < scores.length; i++) {
            ranked.add(
                    options.returnDocuments()
                            ? RankedDocument.withText(i, scores[i], documents.get(i))
                            : RankedDocument.of(i, scores[i]));
        }
        ranked.sort(Comparator.comparingDouble((RankedDocument r) -> r.score()).reversed());
        return options.topK() > 0 && options.topK() < ranked.size()
                ? List.copyOf(ranked.subList(0, options.topK()))
                : List.copyOf(ranked);
    }

    /** Releases the model's memory; no call may run after it. */
    @Override
    void close();

    private void requireOneLabel(String what) {
        if (numLabels() != 1) {
            throw new IllegalStateException(
                    what + " needs a model with one label; this one has " + numLabels() + " (use predictLabels)");
        }
    }
}
