package dev.rerank4j.io;

import java.io.IOException;

/**
 * A weight file or model directory that cannot be read: malformed safetensors or ONNX content, a sharded checkpoint
 * whose index does not match its shards, or a directory holding no weights rerank4j reads.
 *
 * <p>Like {@link java.util.zip.ZipException}, it is an {@link IOException}: whoever reads a file already handles
 * those. The message always names the file (and where useful the tensor) and the reason.
 */
public class WeightsFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public WeightsFormatException(String message) {
        super(message);
    }

    public WeightsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
