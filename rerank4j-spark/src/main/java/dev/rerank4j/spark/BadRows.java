package dev.rerank4j.spark;

/** What scoring and encoding do with a row they cannot use (a null or non-text input, a non-finite score). */
public enum BadRows {
    /** Fail the job with a {@link SparkInputException} naming the partition, the row and the column. */
    FAIL,
    /** Keep the row: its result is null and the reason goes to the error column. */
    ERROR_COLUMN
}
