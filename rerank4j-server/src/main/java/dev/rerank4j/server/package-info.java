/**
 * An HTTP server for rerankers that existing clients already speak to.
 *
 * <ul>
 *   <li>{@link dev.rerank4j.server.RerankServer}: the server over any {@link dev.rerank4j.Reranker}, on Jetty 12's
 *       core API (no servlets), configured by {@link dev.rerank4j.server.ServerConfig}.
 *   <li>API shapes: Hugging Face text-embeddings-inference's {@code POST /rerank} ({@code TeiApi}, answered with TEI's
 *       error body {@code {error, error_type}} and status codes) and Cohere's / Jina's {@code /v1/rerank} and
 *       {@code /v2/rerank} ({@code VendorApi}), both read strictly ({@code JsonFields}).
 *   <li>Dynamic batching ({@code Batcher}): parts of concurrent requests share a forward pass within a token budget,
 *       closest lengths together; admission is bounded (429 at once when full); scores are those of
 *       {@link dev.rerank4j.Reranker#predict} on the same pairs.
 *   <li>Operations: {@code /health}, {@code /info}, {@code /metrics} (Micrometer's Prometheus registry),
 *       {@code /openapi.json}, bearer API key, payload limit (413), request timeout (429 Overloaded), graceful stop.
 * </ul>
 *
 * <p>References: TEI v1.9 {@code router/src/http/server.rs} and {@code types.rs}; the Cohere and Jina rerank API
 * references.
 */
package dev.rerank4j.server;
