package dev.rerank4j.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.Activation;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.Rerank4jException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers every route: checks the bearer token, reads the body within the payload limit without holding a thread,
 * parses it strictly, queues it in the {@link Batcher}, and writes the answer when the scores are in.
 */
final class RerankHandler extends Handler.Abstract {
    private static final PredictOptions SCORES = PredictOptions.defaults().withProgress(ProgressMode.OFF);
    private static final PredictOptions LOGITS = SCORES.withActivation(Activation.IDENTITY);

    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final ServerConfig config;
    private final Batcher batcher;
    private final ServerMetrics metrics;
    private final ServerDocuments documents;
    private final Executor answers;
    private final byte[] expectedAuthorization;
    private volatile boolean stopping;

    RerankHandler(
            ServerConfig config, Batcher batcher, ServerMetrics metrics, ServerDocuments documents, Executor answers) {
        this.config = config;
        this.batcher = batcher;
        this.metrics = metrics;
        this.documents = documents;
        this.answers = answers;
        this.expectedAuthorization = ("Bearer " + config.apiKey()).getBytes(StandardCharsets.UTF_8);
    }

    /** From now on {@code /health} answers 503. */
    void stopping() {
        stopping = true;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String path = Request.getPathInContext(request);
        Optional<Route> found = Route.of(path);
        Exchange ex =
                new Exchange(response, callback, metrics, found.map(Route::path).orElse("other"), start);
        if (found.isEmpty()) {
            refuse(request, ex, ApiError.notFound(404, "no route " + path + "; see /openapi.json"), false);
            return true;
        }
        Route route = found.get();
        if (!route.method().equals(request.getMethod())) {
            ex.header(HttpHeader.ALLOW.asString(), route.method());
            refuse(
                    request,
                    ex,
                    ApiError.notFound(405, path + " takes " + route.method() + ", not " + request.getMethod()),
                    route.vendor());
            return true;
        }
        if (route != Route.HEALTH && config.requiresApiKey() && !authorized(request)) {
            refuse(
                    request,
                    ex,
                    ApiError.unauthorized("missing or wrong API key: send the header 'Authorization: Bearer <key>'"),
                    route.vendor());
            return true;
        }
        switch (route) {
            case HEALTH -> health(ex);
            case INFO -> ex.send(200, "application/json", documents.info());
            case OPENAPI -> ex.send(200, "application/json", documents.openApi());
            case METRICS -> ex.sendText(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
            default -> readBody(request, ex, route);
        }
        return true;
    }

    /**
     * An error answered before the request body is read (404, 405, 401). Jetty then closes the connection rather than
     * read a body nobody wants, so the answer says {@code Connection: close}: a client that pools connections would
     * otherwise send its next request on the closed one.
     */
    private void refuse(Request request, Exchange ex, ApiError error, boolean vendor) {
        if (request.getLength() != 0) {
            ex.header(HttpHeader.CONNECTION.asString(), "close");
        }
        ex.sendError(json, error, vendor);
    }

    private void health(Exchange ex) {
        if (stopping) {
            ex.sendError(json, ApiError.unhealthy("unhealthy: the server is shutting down"), false);
        } else {
            ex.sendJson(200, json, json.createObjectNode().put("status", "ok"));
        }
    }

    private boolean authorized(Request request) {
        String given = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expectedAuthorization);
    }

    private void readBody(Request request, Exchange ex, Route route) {
        long declared = request.getLength();
        if (declared > config.payloadLimit()) {
            ex.header(HttpHeader.CONNECTION.asString(), "close");
            ex.sendError(json, tooLarge(declared + " bytes"), route.vendor());
            return;
        }
        BodyReader.read(request, config.payloadLimit(), (body, failure) -> {
            if (failure == null) {
                rerank(request, ex, route, body);
            } else if (failure instanceof BodyReader.TooLarge) {
                ex.header(HttpHeader.CONNECTION.asString(), "close");
                ex.sendError(json, tooLarge("more"), route.vendor());
            } else {
                ex.abort(failure);
            }
        });
    }

    private ApiError tooLarge(String size) {
        return ApiError.tooLarge("the body holds " + size + " than the payload limit of " + config.payloadLimit()
                + " bytes (--payload-limit)");
    }

    private void rerank(Request request, Exchange ex, Route route, byte[] body) {
        RerankJob job;
        Scoring scoring;
        try {
            job = parse(body, route);
            scoring = batcher.submit(job, (job.rawScores() ? LOGITS : SCORES).withTruncationSide(job.side()));
        } catch (ApiError e) {
            ex.sendError(json, e, route.vendor());
            return;
        }
        // While the model works the connection is silent: the request timeout governs, not the idle timeout (which
        // a graceful stop also shortens for idle connections).
        request.addIdleTimeoutListener(timeout -> false);
        request.addFailureListener(e -> scoring.cancel());
        scoring.result()
                .whenCompleteAsync((scores, failure) -> answer(ex, route, job, scoring, scores, failure), answers);
    }

    private RerankJob parse(byte[] body, Route route) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.malformed("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiError.malformed("the body cannot be read: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw ApiError.malformed("the body is empty; send a JSON object");
        }
        if (!tree.isObject()) {
            throw ApiError.validation("the body must be a JSON object");
        }
        RerankJob job = route == Route.RERANK ? TeiApi.parse(tree) : VendorApi.parse(tree, version(route));
        String field = route == Route.RERANK ? "texts" : "documents";
        if (job.documents().isEmpty()) {
            throw ApiError.empty("`" + field + "` cannot be empty");
        }
        if (job.documents().size() > config.maxDocuments()) {
            throw ApiError.validation("`" + field + "` holds " + job.documents().size()
                    + " documents; the most one request may hold is " + config.maxDocuments()
                    + " (--max-documents)");
        }
        return job;
    }

    private void answer(Exchange ex, Route route, RerankJob job, Scoring scoring, float[] scores, Throwable failure) {
        if (failure != null) {
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof CancellationException) {
                ex.abort(cause);
            } else {
                ex.sendError(json, error(cause), route.vendor());
            }
            return;
        }
        ex.header("x-compute-tokens", Long.toString(scoring.tokens()));
        ex.header("x-queue-time", Long.toString(scoring.queueNanos() / 1_000_000));
        ex.header("x-inference-time", Long.toString(scoring.inferenceNanos() / 1_000_000));
        ex.header("x-total-time", Long.toString((System.nanoTime() - ex.startNanos()) / 1_000_000));
        Object body = route == Route.RERANK
                ? TeiApi.answer(json, job, scores)
                : VendorApi.answer(json, job, scores, config.modelId(), scoring.tokens(), version(route));
        ex.sendJson(200, json, body);
    }

    private ApiError error(Throwable cause) {
        if (cause instanceof TimeoutException) {
            return ApiError.timeout("Model is overloaded: the request did not finish within "
                    + config.requestTimeout().toMillis() + " ms (--request-timeout); retry later");
        }
        if (cause instanceof ApiError a) {
            return a;
        }
        if (cause instanceof Rerank4jException r && r.isUserError()) {
            return ApiError.validation(r.getMessage());
        }
        return ApiError.backend("the model failed: " + cause);
    }

    private static int version(Route route) {
        return route == Route.COHERE_V2 ? 2 : 1;
    }
}
