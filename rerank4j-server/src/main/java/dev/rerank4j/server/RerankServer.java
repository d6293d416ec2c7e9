package dev.rerank4j.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.Rerank4jException;
import dev.rerank4j.Reranker;
import java.net.URI;
import java.util.Objects;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An HTTP reranking server over one {@link Reranker}: TEI's {@code POST /rerank}, Cohere's and Jina's
 * {@code POST /v1/rerank} and {@code POST /v2/rerank}, {@code GET /health}, {@code /info}, {@code /metrics}
 * (Prometheus) and {@code /openapi.json}, with dynamic batching across requests ({@link Batcher}).
 *
 * <pre>{@code
 * try (CrossEncoder model = CrossEncoder.load("cross-encoder/ms-marco-MiniLM-L6-v2");
 *         RerankServer server = RerankServer.start(model, ServerConfig.defaults("ms-marco-MiniLM-L6-v2"))) {
 *     server.awaitStop(); // or close() from another thread
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops gracefully: it stops accepting connections, lets the requests in flight finish (up to the
 * shutdown timeout), then stops. The caller owns the reranker and closes it after the server.
 */
public final class RerankServer implements AutoCloseable {
    private final Server jetty;
    private final ServerConnector connector;
    private final Batcher batcher;
    private final RerankHandler handler;

    private RerankServer(Server jetty, ServerConnector connector, Batcher batcher, RerankHandler handler) {
        this.jetty = jetty;
        this.connector = connector;
        this.batcher = batcher;
        this.handler = handler;
    }

    /**
     * Starts a server and returns once it listens.
     *
     * @throws IllegalArgumentException if the reranker has more than one label
     * @throws Rerank4jException if the address cannot be bound (in use, or not this machine's)
     */
    public static RerankServer start(Reranker reranker, ServerConfig config) {
        Objects.requireNonNull(reranker, "reranker");
        Objects.requireNonNull(config, "config");
        if (reranker.numLabels() != 1) {
            throw new IllegalArgumentException(
                    "a reranking server needs a model with one label; this one has " + reranker.numLabels());
        }
        ObjectMapper json = new ObjectMapper();
        ServerMetrics metrics = new ServerMetrics();
        Batcher batcher = new Batcher(reranker, config, metrics);
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("rerank4j-http");
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        jetty.addConnector(connector);
        RerankHandler handler =
                new RerankHandler(config, batcher, metrics, ServerDocuments.of(reranker, config, json), threads);
        jetty.setHandler(new GracefulHandler(handler));
        jetty.setStopTimeout(config.shutdownTimeout().toMillis());
        jetty.setStopAtShutdown(false);
        try {
            jetty.start();
        } catch (Exception e) {
            batcher.close();
            stopQuietly(jetty);
            throw new Rerank4jException(
                    Rerank4jException.Fault.BAD_INPUT,
                    "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage()
                            + " (choose another --port or --host)",
                    e);
        }
        return new RerankServer(jetty, connector, batcher, handler);
    }

    /** The port the server listens on (the chosen one when the configured port was 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The base address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        String host = connector.getHost();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
    }

    /** Blocks until the server has stopped. */
    public void awaitStop() throws InterruptedException {
        jetty.join();
    }

    /**
     * Stops gracefully: no new connections, requests in flight finish (up to the shutdown timeout), queued scoring
     * completes, then the server stops. Idempotent.
     */
    @Override
    public void close() {
        handler.stopping();
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new Rerank4jException(
                    Rerank4jException.Fault.FAILURE, "the server did not stop cleanly: " + e.getMessage(), e);
        } finally {
            batcher.close();
        }
    }

    private static void stopQuietly(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            // Nothing was serving; the start failure is the one to report.
        }
    }
}
