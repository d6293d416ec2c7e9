package dev.rerank4j.model.export;

import dev.rerank4j.Rerank4jException;

/** A model that cannot be exported, or an output that cannot be written: the message says which and how to fix it. */
public final class OnnxExportException extends Rerank4jException {
    private static final long serialVersionUID = 1L;

    /** Bad input the user can fix (an architecture without export, an unwritable folder). */
    public OnnxExportException(String message) {
        super(Fault.BAD_INPUT, message);
    }

    /** Same, keeping the cause. */
    public OnnxExportException(String message, Throwable cause) {
        super(Fault.BAD_INPUT, message, cause);
    }
}
