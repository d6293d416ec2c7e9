package dev.rerank4j.spark;

import dev.rerank4j.Rerank4jException;

/**
 * Input a Spark job cannot use: a missing or mistyped column, an unknown table format or path, or a bad row (named by
 * its partition and its row number inside the partition, or by its position in the collected pairs).
 */
public final class SparkInputException extends Rerank4jException {
    private static final long serialVersionUID = 1L;

    public SparkInputException(String message) {
        super(Fault.BAD_INPUT, message);
    }
}
