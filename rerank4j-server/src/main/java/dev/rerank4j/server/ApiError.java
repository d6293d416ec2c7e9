package dev.rerank4j.server;

import dev.rerank4j.Rerank4jException;

/**
 * An error answered to a client: the HTTP status and TEI's {@code error_type}, with a message that names the field
 * or limit at fault. Statuses below 500 report bad input ({@link Fault#BAD_INPUT}).
 */
final class ApiError extends Rerank4jException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;

    private ApiError(int status, String type, String message) {
        super(status < 500 ? Fault.BAD_INPUT : Fault.FAILURE, message);
        this.status = status;
        this.type = type;
    }

    /** 422: a request that parses but breaks the API's rules (TEI's Validation). */
    static ApiError validation(String message) {
        return new ApiError(422, "Validation", message);
    }

    /** 422: texts the model's tokenizer cannot encode (TEI's Tokenizer). */
    static ApiError tokenizer(String message) {
        return new ApiError(422, "Tokenizer", message);
    }

    /** 400: a body that is not JSON. */
    static ApiError malformed(String message) {
        return new ApiError(400, "Validation", message);
    }

    /** 400: nothing to rank (TEI's Empty). */
    static ApiError empty(String message) {
        return new ApiError(400, "Empty", message);
    }

    /** 413: a body over the payload limit. */
    static ApiError tooLarge(String message) {
        return new ApiError(413, "Validation", message);
    }

    /** 429: the queue is full (TEI's Overloaded). */
    static ApiError overloaded(String message) {
        return new ApiError(429, "Overloaded", message);
    }

    /** 401: a missing or wrong bearer token. */
    static ApiError unauthorized(String message) {
        return new ApiError(401, "Unauthorized", message);
    }

    /** 404 or 405: no such route. */
    static ApiError notFound(int status, String message) {
        return new ApiError(status, "NotFound", message);
    }

    /** 503: the server is stopping (TEI's Unhealthy). */
    static ApiError unhealthy(String message) {
        return new ApiError(503, "Unhealthy", message);
    }

    /**
     * 429 Overloaded: the request did not finish within the request timeout. TEI has no request timeout; a request
     * that waits too long is the overload its 429 reports, and 429 is what TEI, Cohere and Jina clients retry
     * (Elasticsearch's inference client retries 429, 502 and 503, and gives up on 504).
     */
    static ApiError timeout(String message) {
        return new ApiError(429, "Overloaded", message);
    }

    /** 424: the model failed (TEI's Backend). */
    static ApiError backend(String message) {
        return new ApiError(424, "Backend", message);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }
}
