package dev.rerank4j.model;

import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.backend.EncoderProvider;
import dev.rerank4j.backend.TextEncoder;
import dev.rerank4j.onnx.OnnxOptions;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The ONNX Runtime engine for {@link TextEncoder}s ({@code onnx}), registered for {@link java.util.ServiceLoader}: it
 * runs the {@code last_hidden_state} output of {@code onnx/model.onnx} (or a named graph) of the model directory.
 */
public final class OnnxEncoderProvider implements EncoderProvider {
    @Override
    public String name() {
        return "onnx";
    }

    @Override
    public TextEncoder load(Path modelDir, int threads) {
        return load(modelDir, threads, Optional.empty());
    }

    @Override
    public TextEncoder load(Path modelDir, int threads, Optional<String> file) {
        return TransformerEncoder.loadOnnx(
                modelDir,
                file.orElse(CrossEncoderOptions.DEFAULT_ONNX_FILE),
                OnnxOptions.defaults().withThreads(threads));
    }
}
