package dev.rerank4j.model;

/** Whether a forward pass trains (dropout active) or infers (dropout off). */
public enum Mode {
    INFERENCE,
    TRAINING
}
