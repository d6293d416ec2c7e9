package dev.rerank4j.spark;

import dev.rerank4j.Rerank4jException;

/** A row that cannot be scored or encoded, named by its partition and its row number inside the partition. */
public final class BadRowException extends Rerank4jException {
    private static final long serialVersionUID = 1L;

    public BadRowException(String message) {
        super(Fault.BAD_INPUT, message);
    }
}
