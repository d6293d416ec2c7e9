package dev.rerank4j.cli;

import dev.rerank4j.Reranker;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.server.RerankServer;
import dev.rerank4j.server.ServerConfig;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code rerank4j serve}: an HTTP reranking server (TEI, Cohere and Jina APIs) until SIGTERM or Ctrl-C. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve a reranker over HTTP: POST /rerank (Hugging Face text-embeddings-inference), POST /v1/rerank and "
                    + "/v2/rerank (Cohere, Jina), GET /health, /info, /metrics (Prometheus), /openapi.json.",
            "Requests are batched together within a token budget. SIGTERM or Ctrl-C stops gracefully: no new "
                    + "connections, requests in flight finish, exit code 0."
        },
        footer = {
            "",
            "Example:",
            "  rerank4j serve --model sentence-transformers/all-MiniLM-L6-v2 --port 8080",
            "  curl -s localhost:8080/rerank -H 'Content-Type: application/json' \\",
            "       -d '{\"query\": \"what is a panda?\", \"texts\": [\"The giant panda is a bear.\", \"Paris\"]}'"
        })
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    ModelOptions model;

    @Mixin
    PromptOptions prompt;

    @Mixin
    Verbosity verbosity;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port; 0 = any free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(
            names = "--max-batch-tokens",
            defaultValue = "16384",
            description =
                    "Token budget of one forward pass (pairs x longest pair, estimated). Default: ${DEFAULT-VALUE}.")
    int maxBatchTokens;

    @Option(
            names = "--max-concurrent-requests",
            defaultValue = "512",
            description = "Requests queued or scoring at once; one more is answered 429 at once. "
                    + "Default: ${DEFAULT-VALUE}.")
    int maxConcurrentRequests;

    @Option(
            names = "--max-client-batch-size",
            defaultValue = "32",
            description = "Documents of one request scored together; longer requests are split and batched with "
                    + "others (not refused). Default: ${DEFAULT-VALUE}.")
    int maxClientBatchSize;

    @Option(
            names = "--max-documents",
            defaultValue = "1024",
            description = "Hard cap of documents in one request (more: 422). Default: ${DEFAULT-VALUE}.")
    int maxDocuments;

    @Option(
            names = "--payload-limit",
            defaultValue = "2000000",
            description = "Most bytes of a request body (more: 413). Default: ${DEFAULT-VALUE}.")
    long payloadLimit;

    @Option(
            names = "--request-timeout",
            defaultValue = "30",
            description = "Seconds a request may wait and score (then 429 Overloaded). Default: ${DEFAULT-VALUE}.")
    long requestTimeout;

    @Option(
            names = "--idle-timeout",
            defaultValue = "30",
            description = "Seconds a silent connection (a slow client) is kept. Default: ${DEFAULT-VALUE}.")
    long idleTimeout;

    @Option(
            names = "--shutdown-timeout",
            defaultValue = "30",
            description = "Seconds a graceful stop waits for requests in flight. Default: ${DEFAULT-VALUE}.")
    long shutdownTimeout;

    @Option(
            names = "--api-key",
            defaultValue = "${env:RERANK4J_API_KEY}",
            description = "Require 'Authorization: Bearer KEY' on every route but /health (401 otherwise). "
                    + "Default: the RERANK4J_API_KEY environment variable, else none.")
    String apiKey;

    /** How often the command looks for a stop request while it serves. */
    private static final long STOP_POLL_MILLIS = 100;

    @ParentCommand
    Main parent;

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config = ServerConfig.defaults(model.model)
                .withRevision(model.revision)
                .withAddress(host, port)
                .withBatching(maxBatchTokens, maxConcurrentRequests, maxClientBatchSize, maxDocuments)
                .withLimits(
                        payloadLimit,
                        seconds("--request-timeout", requestTimeout),
                        seconds("--idle-timeout", idleTimeout),
                        Duration.ofSeconds(shutdownTimeout))
                .withApiKey(apiKey == null ? "" : apiKey);
        long loadStart = System.nanoTime();
        try (CrossEncoder encoder = model.load()) {
            long loadMs = (System.nanoTime() - loadStart) / 1_000_000;
            Optional<String> text = prompt.text(encoder);
            Reranker served = text.isPresent() ? new PromptedReranker(encoder, text.get()) : encoder;
            try (RerankServer server = RerankServer.start(served, config)) {
                LOG.info(
                        "Serving {} on {} (model loaded in {} ms; ready {} ms after the JVM started){}",
                        model.model,
                        server.uri(),
                        loadMs,
                        ManagementFactory.getRuntimeMXBean().getUptime(),
                        config.requiresApiKey() ? "; API key required" : "");
                // SIGTERM/SIGINT request the stop (Main installs the handlers); serving stops gracefully, exit 0.
                while (!parent.stopSignal().isStopRequested()) {
                    Thread.sleep(STOP_POLL_MILLIS);
                }
                LOG.info("Stopping: finishing the requests in flight");
            }
        }
        LOG.info("Stopped");
        return 0;
    }

    private static Duration seconds(String flag, long s) {
        if (s < 1) {
            throw new IllegalArgumentException(flag + " must be >= 1 second, got " + s);
        }
        return Duration.ofSeconds(s);
    }
}
