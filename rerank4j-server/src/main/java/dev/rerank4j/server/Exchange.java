package dev.rerank4j.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** One request being answered: writes the answer once and records it in the metrics. */
final class Exchange {
    private final Response response;
    private final Callback callback;
    private final ServerMetrics metrics;
    private final String route;
    private final long startNanos;

    Exchange(Response response, Callback callback, ServerMetrics metrics, String route, long startNanos) {
        this.response = response;
        this.callback = callback;
        this.metrics = metrics;
        this.route = route;
        this.startNanos = startNanos;
    }

    long startNanos() {
        return startNanos;
    }

    void header(String name, String value) {
        response.getHeaders().put(name, value);
    }

    void send(int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        metrics.request(route, status, System.nanoTime() - startNanos);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    void sendJson(int status, ObjectMapper json, Object body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON answer: " + e.getOriginalMessage(), e);
        }
        send(status, "application/json", bytes);
    }

    /** TEI's error body {@code {error, error_type}}; Cohere/Jina routes also get {@code message}. */
    void sendError(ObjectMapper json, ApiError e, boolean vendor) {
        ObjectNode body = json.createObjectNode().put("error", e.getMessage()).put("error_type", e.type());
        if (vendor) {
            body.put("message", e.getMessage());
        }
        if (e.status() == 401) {
            header(HttpHeader.WWW_AUTHENTICATE.asString(), "Bearer");
        }
        sendJson(e.status(), json, body);
    }

    void sendText(int status, String contentType, String text) {
        send(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The client went away: no answer, only the connection's end. */
    void abort(Throwable cause) {
        metrics.request(route, 499, System.nanoTime() - startNanos);
        callback.failed(cause);
    }
}
