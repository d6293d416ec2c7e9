package dev.rerank4j.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * Which model an executor loads, as plain values that travel with a Spark task: a model directory every executor can
 * read (or a Hugging Face id resolvable on every executor), its revision, the inference backend and the load-time
 * settings. Two tasks with equal specs share one loaded model per executor JVM ({@link ExecutorModels}).
 *
 * @param model a model directory or a Hugging Face id
 * @param revision the hub revision (ignored for a directory)
 * @param backend the inference engine's name ({@code torch}, the default, or {@code onnx}: ONNX Runtime on the directory's {@code onnx/model.onnx})
 * @param maxLength the maximum tokens per input; 0 = the model's own
 * @param threads intra-op threads per executor JVM; 0 = one per core
 */
public record ModelSpec(String model, String revision, String backend, int maxLength, int threads)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The backend rerank4j-core loads with today. */
    public static final String DEFAULT_BACKEND = "torch";

    public ModelSpec {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(backend, "backend");
        if (model.isBlank()) {
            throw new IllegalArgumentException("model must name a model directory or a hub id, got \"\"");
        }
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must be >= 0 (0 = the model's own), got " + maxLength);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = one per core), got " + threads);
        }
    }

    /** The model at {@code model} (directory or hub id), revision {@code main}, the torch backend, its own limits. */
    public static ModelSpec of(String model) {
        return new ModelSpec(model, "main", DEFAULT_BACKEND, 0, 0);
    }

    public ModelSpec withRevision(String r) {
        return new ModelSpec(model, r, backend, maxLength, threads);
    }

    public ModelSpec withBackend(String b) {
        return new ModelSpec(model, revision, b, maxLength, threads);
    }

    public ModelSpec withMaxLength(int n) {
        return new ModelSpec(model, revision, backend, n, threads);
    }

    public ModelSpec withThreads(int n) {
        return new ModelSpec(model, revision, backend, maxLength, n);
    }
}
