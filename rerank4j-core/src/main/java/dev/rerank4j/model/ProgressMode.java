package dev.rerank4j.model;

/** Whether long work shows a progress bar on standard error. */
public enum ProgressMode {
    /** Show one when standard error is a terminal and the work spans several batches. */
    AUTO,
    /** Always show one. */
    ON,
    /** Never show one. */
    OFF
}
