package dev.rerank4j;

/** Whether long work reports its progress to the {@link ProgressListener} in use. */
public enum ProgressMode {
    /** Report when the work spans several batches and the listener shows progress to a person (a terminal). */
    AUTO,
    /** Always report. */
    ON,
    /** Never report. */
    OFF
}
