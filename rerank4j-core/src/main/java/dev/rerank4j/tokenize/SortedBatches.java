package dev.rerank4j.tokenize;

import dev.rerank4j.ProgressListener;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The inference batching, written once for cross-encoders and embedding models: tokenize a window of inputs, sort the
 * window by token count (longest first, ties in input order) so each batch pads little, pad each batch to its longest
 * member, hand it to a {@link Runner} with the input position of every row, and advance the progress task.
 *
 * <p>Tokenizing a window at a time keeps memory bounded for millions of inputs: a window holds {@value #WINDOW_BATCHES}
 * batches, at least {@value #MIN_WINDOW} inputs.
 */
public final class SortedBatches {
    /** Batches per tokenization window. */
    public static final int WINDOW_BATCHES = 64;
    /** The fewest inputs in a window. */
    public static final int MIN_WINDOW = 2048;

    private SortedBatches() {}

    /**
     * How one kind of input becomes padded batches.
     *
     * @param <T> the input, e.g. a (query, document) pair or a text
     * @param <E> its encoding
     */
    public interface Encoding<T, E> {
        /** Tokenizes a window of inputs, one encoding each, in order. */
        List<E> encode(List<T> window);

        /** The token count of one encoding (what the window is sorted by). */
        int length(E encoded);

        /** Pads one batch of encodings to the longest of them. */
        PaddedBatch pad(List<E> group);
    }

    /** Runs one padded batch; {@code positions[r]} is the input index of row {@code r}. */
    @FunctionalInterface
    public interface Runner {
        void run(PaddedBatch batch, int[] positions);
    }

    /** Number of batches {@code inputs} inputs make. */
    public static long batches(int inputs, int batchSize) {
        return (inputs + (long) batchSize - 1) / batchSize;
    }

    /**
     * Runs every input through {@code runner}, a sorted, padded batch at a time.
     *
     * @param inputs the inputs, in caller order
     * @param batchSize rows per batch, at least 1
     * @param encoding how the inputs are tokenized and padded
     * @param task advanced by the rows of each batch once it has run
     * @param runner runs one batch
     */
    public static <T, E> void run(
            List<T> inputs, int batchSize, Encoding<T, E> encoding, ProgressListener.Task task, Runner runner) {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(runner, "runner");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        int window = Math.max(WINDOW_BATCHES * batchSize, MIN_WINDOW);
        for (int start = 0; start < inputs.size(); start += window) {
            int end = Math.min(inputs.size(), start + window);
            runWindow(inputs.subList(start, end), start, batchSize, encoding, task, runner);
        }
    }

    private static <T, E> void runWindow(
            List<T> inputs,
            int offset,
            int batchSize,
            Encoding<T, E> encoding,
            ProgressListener.Task task,
            Runner runner) {
        List<E> encoded = encoding.encode(inputs);
        if (encoded.size() != inputs.size()) {
            throw new IllegalStateException(
                    "the tokenizer returned " + encoded.size() + " encodings for " + inputs.size() + " inputs");
        }
        int[] order = IntStream.range(0, encoded.size())
                .boxed()
                .sorted(Comparator.comparingInt((Integer i) -> encoding.length(encoded.get(i)))
                        .reversed())
                .mapToInt(Integer::intValue)
                .toArray();
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            List<E> group = IntStream.range(from, to)
                    .mapToObj(k -> encoded.get(order[k]))
                    .toList();
            int[] positions = new int[to - from];
            for (int r = 0; r < positions.length; r++) {
                positions[r] = offset + order[from + r];
            }
            runner.run(encoding.pad(group), positions);
            task.step(positions.length);
        }
    }
}
