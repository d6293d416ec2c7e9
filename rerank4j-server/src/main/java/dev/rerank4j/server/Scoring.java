package dev.rerank4j.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One admitted request in the {@link Batcher}: its scores fill in as its parts are scored, in whatever batches they
 * land; {@link #result()} completes once the last part is scored, or exceptionally on a model failure, a timeout or
 * a cancellation (then its parts still queued are dropped).
 */
final class Scoring {
    private final float[] scores;
    private final AtomicInteger partsLeft;
    private final CompletableFuture<float[]> result = new CompletableFuture<>();
    private final long tokens;
    private final long enqueuedNanos;
    private final AtomicLong firstStartNanos = new AtomicLong();
    private final AtomicLong inferenceNanos = new AtomicLong();

    Scoring(int pairs, int parts, long tokens, long enqueuedNanos) {
        this.scores = new float[pairs];
        this.partsLeft = new AtomicInteger(parts);
        this.tokens = tokens;
        this.enqueuedNanos = enqueuedNanos;
    }

    /** One score per document, in input order. */
    CompletableFuture<float[]> result() {
        return result;
    }

    /** The tokens of all its pairs as the model reads them (counted, or estimated when the reranker cannot count). */
    long tokens() {
        return tokens;
    }

    /** Nanoseconds from admission to the start of its first batch (0 until then). */
    long queueNanos() {
        long start = firstStartNanos.get();
        return start == 0 ? 0 : start - enqueuedNanos;
    }

    /** Nanoseconds its batches ran, added up. */
    long inferenceNanos() {
        return inferenceNanos.get();
    }

    /** Whether it needs no more scoring (answered, failed, timed out or cancelled). */
    boolean isDone() {
        return result.isDone();
    }

    /** Gives up: parts still queued are dropped. */
    void cancel() {
        result.cancel(false);
    }

    void started(long nanos) {
        firstStartNanos.compareAndSet(0, nanos);
    }

    /** Stores the scores of one part; the last part completes the result. */
    void partScored(int offset, float[] partScores, long nanos) {
        System.arraycopy(partScores, 0, scores, offset, partScores.length);
        inferenceNanos.addAndGet(nanos);
        if (partsLeft.decrementAndGet() == 0) {
            result.complete(scores);
        }
    }

    void fail(Throwable e) {
        result.completeExceptionally(e);
    }
}
