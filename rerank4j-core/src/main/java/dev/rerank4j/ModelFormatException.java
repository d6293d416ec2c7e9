package dev.rerank4j;

/**
 * A model directory or one of its files cannot be used: missing, malformed, or describing something rerank4j does not
 * support. The message names the file (and field) and says how to fix it. Always {@link Fault#BAD_INPUT}.
 */
public class ModelFormatException extends Rerank4jException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(Fault.BAD_INPUT, message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(Fault.BAD_INPUT, message, cause);
    }
}
