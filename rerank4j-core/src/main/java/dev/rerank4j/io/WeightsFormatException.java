package dev.rerank4j.io;

import dev.rerank4j.Rerank4jException;

/**
 * A weight file or model directory that cannot be read: malformed safetensors or ONNX content, a sharded checkpoint
 * whose index does not match its shards, or a directory holding no weights rerank4j reads.
 *
 * <p>Always {@link Fault#BAD_INPUT}. The message always names the file (and where useful the tensor) and the reason.
 */
public class WeightsFormatException extends Rerank4jException {
    private static final long serialVersionUID = 1L;

    public WeightsFormatException(String message) {
        super(Fault.BAD_INPUT, message);
    }

    public WeightsFormatException(String message, Throwable cause) {
        super(Fault.BAD_INPUT, message, cause);
    }
}
