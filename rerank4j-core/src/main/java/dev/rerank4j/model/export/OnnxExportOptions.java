package dev.rerank4j.model.export;

import dev.rerank4j.ProgressListener;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How {@link OnnxExport} writes a model.
 *
 * @param quantization {@link Quantization#INT8} also writes the dynamically quantized graph
 * @param outputDir the model directory to write into; empty: the model's own directory
 * @param progress where progress goes
 */
public record OnnxExportOptions(Quantization quantization, Optional<Path> outputDir, ProgressListener progress) {
    /** Which graphs to write besides the float32 one. */
    public enum Quantization {
        /** Only {@code onnx/model.onnx}. */
        NONE,
        /** Also {@code onnx/model_qint8_avx2.onnx}: int8 weights per output channel, activations quantized at run time. */
        INT8
    }

    public OnnxExportOptions {
        if (quantization == null || outputDir == null || progress == null) {
            throw new IllegalArgumentException("quantization, outputDir and progress must not be null");
        }
    }

    /** The float32 graph only, into the model's directory, without progress. */
    public static OnnxExportOptions defaults() {
        return new OnnxExportOptions(Quantization.NONE, Optional.empty(), ProgressListener.NONE);
    }

    /** The same options with another quantization. */
    public OnnxExportOptions withQuantization(Quantization q) {
        return new OnnxExportOptions(q, outputDir, progress);
    }

    /** The same options writing into {@code dir}. */
    public OnnxExportOptions withOutputDir(Path dir) {
        return new OnnxExportOptions(quantization, Optional.of(dir), progress);
    }

    /** The same options reporting progress to {@code listener}. */
    public OnnxExportOptions withProgress(ProgressListener listener) {
        return new OnnxExportOptions(quantization, outputDir, listener);
    }
}
