package dev.rerank4j.model;

import dev.rerank4j.Activation;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressListener;
import dev.rerank4j.TextPair;
import dev.rerank4j.backend.InferenceBackend;
import dev.rerank4j.tokenize.EncodedPair;
import dev.rerank4j.tokenize.PaddedBatch;
import dev.rerank4j.tokenize.PairEncoder;
import dev.rerank4j.tokenize.SortedBatches;
import java.util.List;
import java.util.Optional;

/**
 * Cross-encoder inference: {@link SortedBatches} tokenizes, sorts and pads the pairs, the {@link InferenceBackend}
 * turns each batch into logits, and the activation (and optional softmax) is applied here in plain Java, so every
 * backend scores alike. Scores come back in input order.
 */
final class Scorer {
    /** {@link dev.rerank4j.ProgressMode#AUTO} reports work of at least this many batches. */
    static final int AUTO_PROGRESS_MIN_BATCHES = 8;

    private final InferenceBackend backend;
    private final PairEncoder tokenizer;

    Scorer(InferenceBackend backend, PairEncoder tokenizer) {
        this.backend = backend;
        this.tokenizer = tokenizer;
    }

    float[][] score(List<TextPair> pairs, Activation activation, PredictOptions options) {
        return score(pairs, activation, options, Optional.empty());
    }

    /** Scores with a prompt: a causal-LM reranker's instruction, or text prepended to each query (see PairEncoder). */
    float[][] score(List<TextPair> pairs, Activation activation, PredictOptions options, Optional<String> prompt) {
        float[][] out = new float[pairs.size()][];
        boolean tokenTypes = backend.usesTokenTypes();
        SortedBatches.Encoding<TextPair, EncodedPair> encoding = new SortedBatches.Encoding<>() {
            @Override
            public List<EncodedPair> encode(List<TextPair> window) {
                return tokenizer.encode(window, prompt, options.truncationSide());
            }

            @Override
            public int length(EncodedPair encoded) {
                return encoded.length();
            }

            @Override
            public PaddedBatch pad(List<EncodedPair> group) {
                return tokenizer.pad(group, tokenTypes);
            }
        };
        ProgressListener listener = options.listener();
        long batches = SortedBatches.batches(pairs.size(), options.batchSize());
        try (ProgressListener.Task task = listener.reports(options.progress(), batches, AUTO_PROGRESS_MIN_BATCHES)
                ? listener.start("Scoring", pairs.size(), "pairs")
                : ProgressListener.Task.NONE) {
            SortedBatches.run(pairs, options.batchSize(), encoding, task, (batch, positions) -> {
                options.stop().throwIfStopped(); // between batches: never inside a native forward pass
                InferenceBackend.Output logits = backend.logits(batch);
                int labels = logits.dim(1);
                float[] flat = logits.values();
                for (int r = 0; r < positions.length; r++) {
                    out[positions[r]] = activate(flat, r * labels, labels, activation, options.applySoftmax());
                }
            });
        }
        return out;
    }

    /** One row's scores: the activation of each logit, then a softmax over the labels when asked (and labels > 1). */
    static float[] activate(float[] logits, int from, int labels, Activation activation, boolean softmax) {
        float[] row = new float[labels];
        for (int j = 0; j < labels; j++) {
            row[j] = activation.apply(logits[from + j]);
        }
        if (softmax && labels > 1) {
            float max = Float.NEGATIVE_INFINITY;
            for (float v : row) {
                max = Math.max(max, v);
            }
            double sum = 0;
            double[] e = new double[labels];
            for (int j = 0; j < labels; j++) {
                e[j] = Math.exp((double) row[j] - max);
                sum += e[j];
            }
            for (int j = 0; j < labels; j++) {
                row[j] = (float) (e[j] / sum);
            }
        }
        return row;
    }

    /** The encoder's last hidden states of one padded batch, [batch * seq * hidden] row-major. */
    float[] hiddenStates(PaddedBatch batch) {
        return backend.hiddenStates(batch).values();
    }

    InferenceBackend backend() {
        return backend;
    }
}
