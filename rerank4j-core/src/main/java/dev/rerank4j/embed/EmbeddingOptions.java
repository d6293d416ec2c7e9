package dev.rerank4j.embed;

/**
 * How an {@link EmbeddingModel} is loaded.
 *
 * @param maxSeqLength tokens per text for a transformer model; 0 = as sentence-transformers decides
 *     ({@code max_seq_length} of {@code sentence_bert_config.json}, else min(tokenizer {@code model_max_length},
 *     {@code max_position_embeddings}))
 * @param threads libtorch intra-op threads at the engine's first start; 0 = one per core
 */
public record EmbeddingOptions(int maxSeqLength, int threads) {
    public EmbeddingOptions {
        if (maxSeqLength < 0) {
            throw new IllegalArgumentException("maxSeqLength must be >= 0 (0 = the model's), got " + maxSeqLength);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = one per core), got " + threads);
        }
    }

    /** The model's own maximum length, default threads. */
    public static EmbeddingOptions defaults() {
        return new EmbeddingOptions(0, 0);
    }

    public EmbeddingOptions withMaxSeqLength(int n) {
        return new EmbeddingOptions(n, threads);
    }

    public EmbeddingOptions withThreads(int n) {
        return new EmbeddingOptions(maxSeqLength, n);
    }
}
