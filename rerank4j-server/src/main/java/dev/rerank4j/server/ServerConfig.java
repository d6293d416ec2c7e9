package dev.rerank4j.server;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RerankServer} listens, batches and protects itself. Defaults follow Hugging Face's
 * text-embeddings-inference (TEI) where it has the same knob; change a setting with the {@code with*} methods.
 *
 * @param host the address to bind, {@code 127.0.0.1} by default (a public address is the operator's choice)
 * @param port the port; 0 picks a free one
 * @param modelId the model name reported by {@code /info} and in Cohere/Jina answers
 * @param revision the model revision reported by {@code /info}
 * @param maxBatchTokens the token budget of one forward pass: pairs times the longest pair's tokens
 * @param maxConcurrentRequests requests admitted at once (queued or scoring); one more is answered 429 at once
 * @param maxClientBatchSize documents of one request scored together; a longer request is split into parts of this
 *     size, queued and batched with other requests' parts (TEI refuses such a request instead)
 * @param maxDocuments the hard cap of documents in one request; more is answered 422
 * @param payloadLimit the most bytes a request body may hold; more is answered 413
 * @param requestTimeout how long a request may wait and score before it is answered 429 (Overloaded)
 * @param idleTimeout how long a connection may stay silent (a slow client) before it is closed
 * @param shutdownTimeout how long a graceful stop waits for the requests in flight
 * @param apiKey the bearer token every route but {@code /health} requires; empty = none
 */
public record ServerConfig(
        String host,
        int port,
        String modelId,
        String revision,
        int maxBatchTokens,
        int maxConcurrentRequests,
        int maxClientBatchSize,
        int maxDocuments,
        long payloadLimit,
        Duration requestTimeout,
        Duration idleTimeout,
        Duration shutdownTimeout,
        String apiKey) {
    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(apiKey, "apiKey (empty = none)");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535] (0 = any free port), got " + port);
        }
        atLeast("maxBatchTokens", maxBatchTokens, 1);
        atLeast("maxConcurrentRequests", maxConcurrentRequests, 1);
        atLeast("maxClientBatchSize", maxClientBatchSize, 1);
        atLeast("maxDocuments", maxDocuments, 1);
        if (maxDocuments < maxClientBatchSize) {
            throw new IllegalArgumentException(
                    "maxDocuments must be >= maxClientBatchSize (" + maxClientBatchSize + "), got " + maxDocuments);
        }
        if (payloadLimit < 1024) {
            throw new IllegalArgumentException("payloadLimit must be >= 1024 bytes, got " + payloadLimit);
        }
        positive("requestTimeout", requestTimeout);
        positive("idleTimeout", idleTimeout);
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout must be >= 0, got " + shutdownTimeout);
        }
    }

    /** TEI's defaults: port 8080 on 127.0.0.1, 16,384 batch tokens, 512 requests, 32 documents per part. */
    public static ServerConfig defaults(String modelId) {
        return new ServerConfig(
                "127.0.0.1",
                8080,
                modelId,
                "main",
                16_384,
                512,
                32,
                1_024,
                2_000_000,
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                "");
    }

    /** Whether requests must carry {@code Authorization: Bearer <apiKey>}. */
    public boolean requiresApiKey() {
        return !apiKey.isEmpty();
    }

    public ServerConfig withAddress(String h, int p) {
        return new ServerConfig(
                h,
                p,
                modelId,
                revision,
                maxBatchTokens,
                maxConcurrentRequests,
                maxClientBatchSize,
                maxDocuments,
                payloadLimit,
                requestTimeout,
                idleTimeout,
                shutdownTimeout,
                apiKey);
    }

    public ServerConfig withRevision(String r) {
        return new ServerConfig(
                host,
                port,
                modelId,
                r,
                maxBatchTokens,
                maxConcurrentRequests,
                maxClientBatchSize,
                maxDocuments,
                payloadLimit,
                requestTimeout,
                idleTimeout,
                shutdownTimeout,
                apiKey);
    }

    /** Batching limits: token budget, admitted requests, documents per part and per request. */
    public ServerConfig withBatching(int batchTokens, int concurrentRequests, int clientBatchSize, int documents) {
        return new ServerConfig(
                host,
                port,
                modelId,
                revision,
                batchTokens,
                concurrentRequests,
                clientBatchSize,
                documents,
                payloadLimit,
                requestTimeout,
                idleTimeout,
                shutdownTimeout,
                apiKey);
    }

    /** Protection: body size, request, idle and shutdown timeouts. */
    public ServerConfig withLimits(long payload, Duration request, Duration idle, Duration shutdown) {
        return new ServerConfig(
                host,
                port,
                modelId,
                revision,
                maxBatchTokens,
                maxConcurrentRequests,
                maxClientBatchSize,
                maxDocuments,
                payload,
                request,
                idle,
                shutdown,
                apiKey);
    }

    public ServerConfig withApiKey(String key) {
        return new ServerConfig(
                host,
                port,
                modelId,
                revision,
                maxBatchTokens,
                maxConcurrentRequests,
                maxClientBatchSize,
                maxDocuments,
                payloadLimit,
                requestTimeout,
                idleTimeout,
                shutdownTimeout,
                key);
    }

    @Override
    public String toString() {
        // Never print the key.
        return "ServerConfig[host=" + host + ", port=" + port + ", modelId=" + modelId + ", revision=" + revision
                + ", maxBatchTokens=" + maxBatchTokens + ", maxConcurrentRequests=" + maxConcurrentRequests
                + ", maxClientBatchSize=" + maxClientBatchSize + ", maxDocuments=" + maxDocuments + ", payloadLimit="
                + payloadLimit + ", requestTimeout=" + requestTimeout + ", idleTimeout=" + idleTimeout
                + ", shutdownTimeout=" + shutdownTimeout + ", apiKey=" + (requiresApiKey() ? "(set)" : "(none)") + "]";
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
