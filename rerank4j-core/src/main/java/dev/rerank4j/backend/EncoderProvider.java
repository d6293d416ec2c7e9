package dev.rerank4j.backend;

import java.nio.file.Path;
import java.util.Optional;

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

    /**
     * Loads the encoder from a named file of the model directory (an engine with a choice of files, such as the ONNX
     * graphs of {@code onnx/}); empty = the engine's default file.
     *
     * @throws IllegalArgumentException if a file is named and this engine reads no such choice
     */
    default TextEncoder load(Path modelDir, int threads, Optional<String> file) {
        if (file.isPresent()) {
            throw new IllegalArgumentException("the " + name() + " engine reads no file option, got \"" + file.get()
                    + "\" (it applies to the onnx engine)");
        }
        return load(modelDir, threads);
    }
}
