package dev.rerank4j.spark;

import dev.rerank4j.Rerank4jException;

/**
 * A model that the driver or an executor cannot read or load: the message names the host, the model and the reason,
 * so that a wrong path on one executor reads as such in the driver's stack trace rather than as a task failure.
 */
public final class ModelUnreadableException extends Rerank4jException {
    private static final long serialVersionUID = 1L;

    public ModelUnreadableException(String message, Throwable cause) {
        super(Fault.BAD_INPUT, message, cause);
    }

    public ModelUnreadableException(String message) {
        super(Fault.BAD_INPUT, message);
    }
}
