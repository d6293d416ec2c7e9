package dev.rerank4j.embed;

import dev.rerank4j.Backend;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link EmbeddingModel} is loaded.
 *
 * @param maxSeqLength tokens per text for a transformer model; 0 = as sentence-transformers decides
 *     ({@code max_seq_length} of {@code sentence_bert_config.json}, else min(tokenizer {@code model_max_length},
 *     {@code max_position_embeddings}))
 * @param threads intra-op threads of the engine (libtorch: at its first start); 0 = one per core
 * @param backend the engine of a transformer model: {@link Backend#TORCH} (safetensors) or {@link Backend#ONNX}
 * @param onnxFile with {@link Backend#ONNX}, the graph relative to the transformer's directory; empty = {@code
 *     onnx/model.onnx}
 */
public record EmbeddingOptions(int maxSeqLength, int threads, Backend backend, Optional<String> onnxFile) {
    public EmbeddingOptions {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(onnxFile, "onnxFile");
        if (maxSeqLength < 0) {
            throw new IllegalArgumentException("maxSeqLength must be >= 0 (0 = the model's), got " + maxSeqLength);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = one per core), got " + threads);
        }
    }

    /** The model's own maximum length, default threads. */
    public static EmbeddingOptions defaults() {
        return new EmbeddingOptions(0, 0, Backend.TORCH, Optional.empty());
    }

    public EmbeddingOptions withMaxSeqLength(int n) {
        return new EmbeddingOptions(n, threads, backend, onnxFile);
    }

    public EmbeddingOptions withThreads(int n) {
        return new EmbeddingOptions(maxSeqLength, n, backend, onnxFile);
    }

    public EmbeddingOptions withBackend(Backend b) {
        return new EmbeddingOptions(maxSeqLength, threads, b, onnxFile);
    }

    /** Names the ONNX graph (relative to the transformer's directory); only {@link Backend#ONNX} reads it. */
    public EmbeddingOptions withOnnxFile(String file) {
        return new EmbeddingOptions(maxSeqLength, threads, backend, Optional.of(file));
    }
}
