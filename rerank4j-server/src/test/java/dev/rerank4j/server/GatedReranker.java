package dev.rerank4j.server;

import dev.rerank4j.PredictOptions;
import dev.rerank4j.Reranker;
import dev.rerank4j.TextPair;
import dev.rerank4j.TokenCount;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A real model with a gate in front of its scoring, so tests decide when a batch may run: while closed, the batcher's
 * worker waits inside {@link #predictLabels} and new requests queue up. Records the size of every batch it scores.
 */
final class GatedReranker implements Reranker {
    private final Reranker model;
    private final List<List<TextPair>> batches = new CopyOnWriteArrayList<>();
    private final Semaphore gate = new Semaphore(0);
    private final CountDownLatch entered = new CountDownLatch(1);
    private volatile boolean open;

    GatedReranker(Reranker model) {
        this.model = model;
    }

    @Override
    public float[][] predictLabels(List<TextPair> pairs, PredictOptions options) {
        batches.add(List.copyOf(pairs));
        entered.countDown();
        if (!open) {
            gate.acquireUninterruptibly();
        }
        return model.predictLabels(pairs, options);
    }

    /** Waits until the first batch is inside the model (held by the gate). */
    void awaitFirstBatch() throws InterruptedException {
        if (!entered.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no batch reached the model within 30 s");
        }
    }

    /** Lets every batch through from now on. */
    void open() {
        open = true;
        gate.release(1_000);
    }

    /** The sizes of the batches scored so far, in order. */
    List<Integer> batches() {
        return batches.stream().map(List::size).toList();
    }

    /** The pairs of the batches scored so far, in order. */
    List<List<TextPair>> batchPairs() {
        return List.copyOf(batches);
    }

    @Override
    public Optional<List<TokenCount>> countTokens(List<TextPair> pairs) {
        return model.countTokens(pairs);
    }

    @Override
    public int numLabels() {
        return model.numLabels();
    }

    @Override
    public int maxLength() {
        return model.maxLength();
    }

    @Override
    public void close() {
        open();
    }
}
