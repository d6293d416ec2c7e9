package dev.rerank4j.backend;

import java.nio.file.Path;

/**
 * An engine that can run a transformer encoder, found with {@link java.util.ServiceLoader} (a {@code
 * META-INF/services/dev.rerank4j.backend.EncoderProvider} entry). rerank4j-core registers its libtorch engine; the
 * ONNX Runtime backend registers another. This keeps the packages that use encoders (embedding models, mining) free
 * of any engine.
 */
public interface EncoderProvider {
    /** The engine's name, e.g. {@code torch}. */
    String name();

    /**
     * Loads the encoder of a Hugging Face model directory (head weights, if any, are ignored).
     *
     * @param threads intra-op threads for the engine's first start; 0 = one per core
     * @throws dev.rerank4j.ModelFormatException naming the file and the problem when the directory cannot be used
     */
    TextEncoder load(Path modelDir, int threads);
}
