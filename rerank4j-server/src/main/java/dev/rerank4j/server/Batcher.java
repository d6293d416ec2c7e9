package dev.rerank4j.server;

import dev.rerank4j.PredictOptions;
import dev.rerank4j.Rerank4jException;
import dev.rerank4j.Reranker;
import dev.rerank4j.TextPair;
import dev.rerank4j.TokenCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic batching across requests. Each admitted request is cut into parts of at most {@code maxClientBatchSize}
 * pairs (and at most the token budget); one worker thread takes the oldest queued part and fills the batch with the
 * queued parts closest to it in length, while {@code pairs x longest pair} stays within
 * {@code maxBatchTokens} (tokens counted with the model's tokenizer, {@link dev.rerank4j.Reranker#countTokens}, or
 * estimated when the reranker cannot count), then scores the batch with one {@code predict} call (which sorts the pairs by real length
 * and runs passes of 32) and hands each request its scores.
 *
 * <p>Admission is bounded: with {@code maxConcurrentRequests} requests queued or scoring, the next is refused at once
 * ({@link ApiError#overloaded}). A request not answered within the request timeout fails and its queued parts are
 * dropped. {@link #close()} refuses new requests, scores everything queued, and stops the worker.
 */
final class Batcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);

    private final Reranker reranker;
    private final ServerConfig config;
    private final ServerMetrics metrics;
    private final Semaphore admitted;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Part> queue = new ArrayList<>();
    private final Thread worker;
    private int queuedPairs;
    private boolean closed;

    /** One slice of a request's pairs, queued as a unit. */
    private record Part(Scoring owner, int offset, List<TextPair> pairs, int longest, PredictOptions options) {}

    Batcher(Reranker reranker, ServerConfig config, ServerMetrics metrics) {
        this.reranker = reranker;
        this.config = config;
        this.metrics = metrics;
        this.admitted = new Semaphore(config.maxConcurrentRequests());
        metrics.queue(this::queuedPairs);
        this.worker = new Thread(this::run, "rerank4j-batcher");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Admits a request and queues its pairs.
     *
     * @throws ApiError 429 when {@code maxConcurrentRequests} requests are in flight, 422 when {@code truncate} is
     *     false and a pair is longer than the model's maximum length, 503 once closing
     */
    Scoring submit(RerankJob job, PredictOptions options) {
        if (!admitted.tryAcquire()) {
            metrics.overloaded();
            throw ApiError.overloaded("Model is overloaded: " + config.maxConcurrentRequests()
                    + " requests are in flight (--max-concurrent-requests); retry later");
        }
        List<TextPair> all = new ArrayList<>(job.documents().size());
        job.documents().forEach(d -> all.add(new TextPair(job.query(), d)));
        int[] lengths;
        try {
            lengths = lengths(all, job.truncate());
        } catch (RuntimeException e) {
            admitted.release();
            throw e;
        }
        long tokens = 0;
        for (int l : lengths) {
            tokens += l;
        }
        List<int[]> bounds = split(lengths);
        Scoring scoring = new Scoring(all.size(), bounds.size(), tokens, System.nanoTime());
        scoring.result().whenComplete((r, e) -> admitted.release());
        scoring.result().orTimeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        lock.lock();
        try {
            if (closed) {
                scoring.cancel();
                throw ApiError.unhealthy("The server is shutting down");
            }
            for (int[] b : bounds) {
                List<TextPair> pairs = new ArrayList<>(all.subList(b[0], b[1]));
                int longest = 0;
                for (int i = b[0]; i < b[1]; i++) {
                    longest = Math.max(longest, lengths[i]);
                }
                queue.add(new Part(scoring, b[0], pairs, longest, options));
                queuedPairs += pairs.size();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return scoring;
    }

    /**
     * The tokens the model reads of each pair: counted with the model's tokenizer when the reranker can, else
     * estimated ({@link TokenEstimate}). Without truncation, a pair over the maximum length is refused (only when
     * counted: an estimate cannot tell).
     */
    private int[] lengths(List<TextPair> pairs, boolean truncate) {
        int maxLength = reranker.maxLength();
        int[] lengths = new int[pairs.size()];
        Optional<List<TokenCount>> counted;
        try {
            counted = reranker.countTokens(pairs);
        } catch (Rerank4jException e) {
            throw e.isUserError()
                    ? ApiError.tokenizer("the texts cannot be tokenized: " + e.getMessage())
                    : ApiError.backend("the model's tokenizer failed: " + e.getMessage());
        } catch (RuntimeException e) {
            throw ApiError.backend("the model's tokenizer failed: " + e);
        }
        for (int i = 0; i < lengths.length; i++) {
            if (counted.isEmpty()) {
                lengths[i] =
                        TokenEstimate.pair(pairs.get(i).query(), pairs.get(i).document(), maxLength);
                continue;
            }
            TokenCount c = counted.get().get(i);
            if (!truncate && c.truncated()) {
                throw ApiError.validation("`texts[" + i + "]`: the pair (query and text) has " + c.untruncated()
                        + " tokens, more than the model's maximum input length of " + maxLength
                        + "; send a shorter text, or \"truncate\": true");
            }
            lengths[i] = Math.max(1, c.tokens());
        }
        return lengths;
    }

    /** Cuts a request into parts of at most maxClientBatchSize pairs and at most the token budget. */
    private List<int[]> split(int[] lengths) {
        List<int[]> bounds = new ArrayList<>();
        int start = 0;
        int longest = 0;
        for (int i = 0; i < lengths.length; i++) {
            int l = Math.max(longest, lengths[i]);
            int n = i - start + 1;
            if (n > 1 && (n > config.maxClientBatchSize() || (long) n * l > config.maxBatchTokens())) {
                bounds.add(new int[] {start, i});
                start = i;
                l = lengths[i];
            }
            longest = l;
        }
        if (lengths.length > start) {
            bounds.add(new int[] {start, lengths.length});
        }
        return bounds;
    }

    /** Pairs waiting for a batch. */
    int queuedPairs() {
        lock.lock();
        try {
            return queuedPairs;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        for (List<Part> batch = next(); !batch.isEmpty(); batch = next()) {
            score(batch);
        }
    }

    /** Waits for queued parts and takes the next batch; empty once closed and drained. */
    private List<Part> next() {
        lock.lock();
        try {
            while (true) {
                queue.removeIf(p -> {
                    boolean drop = p.owner().isDone();
                    if (drop) {
                        queuedPairs -= p.pairs().size();
                    }
                    return drop;
                });
                if (!queue.isEmpty()) {
                    return take();
                }
                if (closed) {
                    return List.of();
                }
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    private List<Part> take() {
        Part anchor = queue.get(0);
        List<Part> candidates = new ArrayList<>(queue.subList(1, queue.size()));
        candidates.removeIf(p -> !p.options().equals(anchor.options()));
        candidates.sort(Comparator.comparingInt(p -> Math.abs(p.longest() - anchor.longest())));
        List<Part> batch = new ArrayList<>();
        batch.add(anchor);
        long pairs = anchor.pairs().size();
        int longest = anchor.longest();
        for (Part p : candidates) {
            int l = Math.max(longest, p.longest());
            if ((pairs + p.pairs().size()) * l <= config.maxBatchTokens()) {
                batch.add(p);
                pairs += p.pairs().size();
                longest = l;
            }
        }
        // Arrival order within the batch: one request's parts stay in its order, so a request scored alone gets
        // exactly the scores of predict on its pairs.
        batch.sort(Comparator.comparingInt(queue::indexOf));
        queue.removeAll(batch);
        queuedPairs -= (int) pairs;
        metrics.batch((int) pairs, pairs * longest);
        return batch;
    }

    private void score(List<Part> batch) {
        List<TextPair> pairs = new ArrayList<>();
        long tokens = 0;
        for (Part p : batch) {
            pairs.addAll(p.pairs());
            tokens += (long) p.pairs().size() * p.longest();
        }
        long start = System.nanoTime();
        batch.forEach(p -> p.owner().started(start));
        try {
            // predict sorts the merged pairs by their real token length and runs passes of its batch size (32), each
            // padded only to its own longest pair: requests of different lengths share passes without padding waste.
            float[] scores = reranker.predict(pairs, batch.get(0).options());
            long nanos = System.nanoTime() - start;
            metrics.inference(nanos, pairs.size(), tokens);
            int at = 0;
            for (Part p : batch) {
                float[] part = new float[p.pairs().size()];
                System.arraycopy(scores, at, part, 0, part.length);
                at += part.length;
                p.owner().partScored(p.offset(), part, nanos);
            }
        } catch (RuntimeException e) {
            LOG.warn("Scoring a batch of {} pairs failed: {}", pairs.size(), e.toString());
            batch.forEach(p -> p.owner().fail(e));
        }
    }

    /** Refuses new requests, scores everything queued, and waits for the worker to finish. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
