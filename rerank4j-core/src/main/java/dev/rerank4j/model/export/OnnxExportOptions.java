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
 * @param floatDownLayers in the int8 graph, how many leading layers keep their feed-forward down projection in float32
 *     (default {@value #DEFAULT_FLOAT_DOWN_LAYERS}: the ranking of a trained reranker survives; 0: every MatMul in
 *     int8, the fastest graph)
 */
public record OnnxExportOptions(
        Quantization quantization, Optional<Path> outputDir, ProgressListener progress, int floatDownLayers) {
    /** The default of {@link #floatDownLayers()}. */
    public static final int DEFAULT_FLOAT_DOWN_LAYERS = 2;

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
        if (floatDownLayers < 0) {
            throw new IllegalArgumentException(
                    "floatDownLayers must be >= 0 (0: every MatMul in int8), got " + floatDownLayers);
        }
    }

    /** The float32 graph only, into the model's directory, without progress. */
    public static OnnxExportOptions defaults() {
        return new OnnxExportOptions(
                Quantization.NONE, Optional.empty(), ProgressListener.NONE, DEFAULT_FLOAT_DOWN_LAYERS);
    }

    /** The same options with another quantization. */
    public OnnxExportOptions withQuantization(Quantization q) {
        return new OnnxExportOptions(q, outputDir, progress, floatDownLayers);
    }

    /** The same options writing into {@code dir}. */
    public OnnxExportOptions withOutputDir(Path dir) {
        return new OnnxExportOptions(quantization, Optional.of(dir), progress, floatDownLayers);
    }

    /** The same options reporting progress to {@code listener}. */
    public OnnxExportOptions withProgress(ProgressListener listener) {
        return new OnnxExportOptions(quantization, outputDir, listener, floatDownLayers);
    }

    /**
     * The same options keeping the feed-forward down projections of the first {@code layers} layers in float32 in the
     * int8 graph (0: every MatMul in int8).
     */
    public OnnxExportOptions withFloatDownLayers(int layers) {
        return new OnnxExportOptions(quantization, outputDir, progress, layers);
    }
}
