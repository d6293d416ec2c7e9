package dev.rerank4j.model;

/**
 * A model directory or one of its files cannot be used: missing, malformed, or describing something rerank4j does not
 * support. The message names the file (and field) and says how to fix it.
 */
public class ModelFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
