package dev.rerank4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.rerank4j.Activation;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.TextPair;
import dev.rerank4j.tokenize.EncodedPair;
import dev.rerank4j.tokenize.PaddedBatch;
import dev.rerank4j.tokenize.PairTokenizer;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The inference loop: tokenize a window of pairs, sort it by length, pad each batch to its longest pair, run the
 * network, apply the activation, restore the input order. Each batch runs in its own {@link NDScope}, so native memory stays flat.
 */
final class Scorer {
    private static final int AUTO_PROGRESS_MIN_BATCHES = 8;
    private static final int WINDOW_BATCHES = 64;
    private static final int MIN_WINDOW = 2048;

    private final Network network;
    private final Parameters parameters;
    private final PairTokenizer tokenizer;
    private final NDManager root;

    Scorer(Network network, Parameters parameters, PairTokenizer tokenizer, NDManager root) {
        this.network = network;
        this.parameters = parameters;
        this.tokenizer = tokenizer;
        this.root = root;
    }

    float[][] score(List<TextPair> pairs, Activation activation, PredictOptions options) {
        float[][] out = new float[pairs.size()][];
        int batchSize = options.batchSize();
        int batches = (pairs.size() + batchSize - 1) / batchSize;
        // Tokenize a window at a time (memory stays bounded for millions of pairs), sort the window by token length
        // (longest first) so each batch pads little, and put every score back at its input position.
        int window = Math.max(WINDOW_BATCHES * batchSize, MIN_WINDOW);
        try (ProgressBar bar = progressBar(options.progress(), batches, pairs.size())) {
            for (int start = 0; start < pairs.size(); start += window) {
                int end = Math.min(pairs.size(), start + window);
                scoreWindow(pairs.subList(start, end), start, out, activation, options, bar);
            }
        }
        return out;
    }

    private void scoreWindow(
            List<TextPair> pairs,
            int offset,
            float[][] out,
            Activation activation,
            PredictOptions options,
            ProgressBar bar) {
        List<EncodedPair> encoded = tokenizer.encode(pairs);
        int[] order = IntStream.range(0, encoded.size())
                .boxed()
                .sorted(Comparator.comparingInt((Integer i) -> encoded.get(i).length())
                        .reversed())
                .mapToInt(Integer::intValue)
                .toArray();
        for (int from = 0; from < order.length; from += options.batchSize()) {
            options.stop().throwIfStopped(); // between batches: never inside a native forward pass
            int to = Math.min(order.length, from + options.batchSize());
            List<EncodedPair> group = IntStream.range(from, to)
                    .mapToObj(k -> encoded.get(order[k]))
                    .toList();
            float[] flat = forward(tokenizer.pad(group, network.usesTokenTypes()), activation, options.applySoftmax());
            int labels = flat.length / group.size();
            for (int r = 0; r < group.size(); r++) {
                float[] row = new float[labels];
                System.arraycopy(flat, r * labels, row, 0, labels);
                out[offset + order[from + r]] = row;
            }
            if (bar != null) {
                bar.stepBy(group.size());
            }
        }
    }

    private float[] forward(PaddedBatch batch, Activation activation, boolean softmax) {
        Shape shape = new Shape(batch.batch(), batch.seqLen());
        try (NDManager m = root.newSubManager();
                NDScope scope = new NDScope()) {
            Inputs in = new Inputs(
                    m.create(batch.ids(), shape),
                    m.create(batch.typeIds(), shape),
                    m.create(batch.attentionMask(), shape));
            NDArray logits =
                    network.logits(parameters, network.hiddenStates(parameters, in, Mode.INFERENCE), Mode.INFERENCE);
            NDArray scores = TorchActivations.apply(activation, logits);
            if (softmax && logits.getShape().get(1) > 1) {
                scores = scores.softmax(1);
            }
            return scores.toFloatArray();
        }
    }

    /** The encoder's last hidden states of one padded batch, [batch * seq * hidden] row-major. */
    float[] hiddenStates(PaddedBatch batch) {
        Shape shape = new Shape(batch.batch(), batch.seqLen());
        try (NDManager m = root.newSubManager();
                NDScope scope = new NDScope()) {
            Inputs in = new Inputs(
                    m.create(batch.ids(), shape),
                    m.create(batch.typeIds(), shape),
                    m.create(batch.attentionMask(), shape));
            return network.hiddenStates(parameters, in, Mode.INFERENCE).toFloatArray();
        }
    }

    private static ProgressBar progressBar(ProgressMode mode, int batches, int pairs) {
        boolean show = switch (mode) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> batches >= AUTO_PROGRESS_MIN_BATCHES && System.console() != null;
        };
        if (!show) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName("Scoring")
                .setInitialMax(pairs)
                .setUnit(" pairs", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .showSpeed()
                .continuousUpdate()
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .build();
    }
}
