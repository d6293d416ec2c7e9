package dev.rerank4j.embed;

/** Whether {@link EmbeddingModel#encode} scales its output to unit length. */
public enum Normalization {
    /** Return what the model's modules produce (normalised only if the model has a {@code Normalize} module). */
    AS_MODEL,
    /** Scale every embedding to unit L2 norm, as sentence-transformers' {@code normalize_embeddings=True}. */
    UNIT_LENGTH
}
