package dev.rerank4j.server;

import java.util.Arrays;
import java.util.Optional;

/** The server's routes. */
enum Route {
    RERANK("POST", "/rerank"),
    COHERE_JINA_V1("POST", "/v1/rerank"),
    COHERE_V2("POST", "/v2/rerank"),
    HEALTH("GET", "/health"),
    INFO("GET", "/info"),
    METRICS("GET", "/metrics"),
    OPENAPI("GET", "/openapi.json");

    private final String method;
    private final String path;

    Route(String method, String path) {
        this.method = method;
        this.path = path;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    /** Whether answers and errors take Cohere/Jina's shape (errors also carry {@code message}). */
    boolean vendor() {
        return this == COHERE_JINA_V1 || this == COHERE_V2;
    }

    /** The route of a path, whatever the method. */
    static Optional<Route> of(String path) {
        return Arrays.stream(values()).filter(r -> r.path.equals(path)).findFirst();
    }
}
