package dev.rerank4j.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The server's metrics in Prometheus' text format, named as TEI names them where it has the same measure
 * ({@code te_request_count_total}, {@code te_request_duration_seconds}, {@code te_queue_size},
 * {@code te_batch_next_size}, {@code te_batch_next_tokens}, {@code te_batch_inference_duration_seconds}), plus
 * {@code te_request_tokens_total} (tokens scored) and {@code te_request_overloaded_total} (429 answers).
 */
final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DistributionSummary batchSize = DistributionSummary.builder("te.batch.next.size")
            .description("Pairs per forward pass")
            .register(registry);
    private final DistributionSummary batchTokens = DistributionSummary.builder("te.batch.next.tokens")
            .description("Padded tokens per forward pass (pairs x longest pair)")
            .register(registry);
    private final Timer inference = Timer.builder("te.batch.inference.duration")
            .description("Time of one forward pass")
            .register(registry);
    private final Counter pairs =
            Counter.builder("te.request.pairs").description("Pairs scored").register(registry);
    private final Counter tokens = Counter.builder("te.request.tokens")
            .description("Tokens scored, each request part counted as pairs x its longest pair")
            .register(registry);
    private final Counter overloaded = Counter.builder("te.request.overloaded")
            .description("Requests refused with 429 because the queue was full")
            .register(registry);

    /** Registers the queue-size gauge. */
    void queue(IntSupplier queuedPairs) {
        Gauge.builder("te.queue.size", queuedPairs::getAsInt)
                .description("Pairs waiting for a batch")
                .register(registry);
    }

    /** One answered request. */
    void request(String route, int status, long nanos) {
        Counter.builder("te.request.count")
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(registry)
                .increment();
        Timer.builder("te.request.duration")
                .tag("route", route)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One batch taken from the queue. */
    void batch(int size, long paddedTokens) {
        batchSize.record(size);
        batchTokens.record(paddedTokens);
    }

    /** One forward pass done. */
    void inference(long nanos, int pairCount, long tokenCount) {
        inference.record(nanos, TimeUnit.NANOSECONDS);
        pairs.increment(pairCount);
        tokens.increment(tokenCount);
    }

    void overloaded() {
        overloaded.increment();
    }

    /** The Prometheus text exposition. */
    String scrape() {
        return registry.scrape();
    }
}
