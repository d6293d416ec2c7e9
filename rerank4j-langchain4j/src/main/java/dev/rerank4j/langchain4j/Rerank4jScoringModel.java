package dev.rerank4j.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.Reranker;
import dev.rerank4j.TextPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A langchain4j {@link ScoringModel} over a rerank4j {@link Reranker}, in the same process: {@code
 * ReRankingContentAggregator} and every other langchain4j component that reranks can use a rerank4j model (one
 * trained with rerank4j, or a Hugging Face cross-encoder) without a server.
 *
 * <pre>{@code
 * try (CrossEncoder model = CrossEncoder.load("cross-encoder/ms-marco-MiniLM-L6-v2")) {
 *     ContentAggregator aggregator = ReRankingContentAggregator.builder()
 *             .scoringModel(new Rerank4jScoringModel(model))
 *             .minScore(0.5)
 *             .build();
 * }
 * }</pre>
 *
 * <p>Scores are those of {@link Reranker#predict} (after the model's activation: sigmoid for most rerankers), in the
 * segments' order. The caller owns the reranker and closes it; this adapter is as thread-safe as the reranker.
 */
public final class Rerank4jScoringModel implements ScoringModel {
    private final Reranker reranker;
    private final PredictOptions options;

    /** Scores with the reranker's defaults (batch 32, the model's activation, no progress shown). */
    public Rerank4jScoringModel(Reranker reranker) {
        this(reranker, PredictOptions.defaults().withProgress(ProgressMode.OFF));
    }

    /** Scores with the given options (batch size, activation). */
    public Rerank4jScoringModel(Reranker reranker, PredictOptions options) {
        this.reranker = Objects.requireNonNull(reranker, "reranker");
        this.options = Objects.requireNonNull(options, "options");
        if (reranker.numLabels() != 1) {
            throw new IllegalArgumentException(
                    "a ScoringModel needs a reranker with one label; this one has " + reranker.numLabels());
        }
    }

    @Override
    public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
        Objects.requireNonNull(segments, "segments");
        Objects.requireNonNull(query, "query");
        List<TextPair> pairs = new ArrayList<>(segments.size());
        for (TextSegment s : segments) {
            pairs.add(new TextPair(query, s.text()));
        }
        float[] scores = reranker.predict(pairs, options);
        List<Double> out = new ArrayList<>(scores.length);
        for (float s : scores) {
            out.add((double) s);
        }
        return Response.from(out);
    }
}
