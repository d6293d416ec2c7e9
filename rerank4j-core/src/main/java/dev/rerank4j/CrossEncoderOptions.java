package dev.rerank4j;

import java.util.Objects;
import java.util.Optional;

/**
 * How a cross-encoder is loaded. Every setting has the sentence-transformers default; change one with the
 * {@code with*} methods: {@code CrossEncoderOptions.defaults().withMaxLength(256)}. Immutable.
 */
public final class CrossEncoderOptions {
    /** The ONNX graph sentence-transformers' {@code backend="onnx"} reads by default. */
    public static final String DEFAULT_ONNX_FILE = "onnx/model.onnx";

    private final int numLabels;
    private final int maxLength;
    private final Activation activation;
    private final Truncation truncation;
    private final int maxQueryLength;
    private final long seed;
    private final int threads;
    private final ProgressListener listener;
    private final Backend backend;
    private final String onnxFile;

    private CrossEncoderOptions(
            int numLabels,
            int maxLength,
            Activation activation,
            Truncation truncation,
            int maxQueryLength,
            long seed,
            int threads,
            ProgressListener listener,
            Backend backend,
            String onnxFile) {
        Objects.requireNonNull(truncation, "truncation");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(onnxFile, "onnxFile");
        if (onnxFile.isBlank() || onnxFile.startsWith("/") || onnxFile.contains("\\")) {
            throw new IllegalArgumentException("onnxFile must be a path relative to the model directory, with /"
                    + " separators (e.g. onnx/model_qint8_avx2.onnx), got \"" + onnxFile + "\"");
        }
        if (numLabels < 0) {
            throw new IllegalArgumentException("numLabels must be >= 0 (0 = from the checkpoint), got " + numLabels);
        }
        if (maxLength != 0 && maxLength < 8) {
            throw new IllegalArgumentException("maxLength must be 0 (automatic) or >= 8, got " + maxLength);
        }
        if (maxQueryLength < 0) {
            throw new IllegalArgumentException(
                    "maxQueryLength must be >= 0 (0 = half of maxLength), got " + maxQueryLength);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = one per core), got " + threads);
        }
        this.numLabels = numLabels;
        this.maxLength = maxLength;
        this.activation = activation;
        this.truncation = truncation;
        this.maxQueryLength = maxQueryLength;
        this.seed = seed;
        this.threads = threads;
        this.listener = listener;
        this.backend = backend;
        this.onnxFile = onnxFile;
    }

    /** The sentence-transformers defaults; downloads report to no listener. */
    public static CrossEncoderOptions defaults() {
        return new CrossEncoderOptions(
                0,
                0,
                null,
                Truncation.LONGEST_FIRST,
                0,
                42L,
                0,
                ProgressListener.NONE,
                Backend.TORCH,
                DEFAULT_ONNX_FILE);
    }

    /** Outputs of the head; 0 = as the checkpoint says (1 for a base model without a head). */
    public int numLabels() {
        return numLabels;
    }

    /** Tokens per pair; 0 = min(tokenizer {@code model_max_length}, the positions the model can encode). */
    public int maxLength() {
        return maxLength;
    }

    /** The inference activation; empty = the saved one, else Sigmoid for one label, Identity otherwise. */
    public Optional<Activation> activation() {
        return Optional.ofNullable(activation);
    }

    /** How over-long pairs are cut. */
    public Truncation truncation() {
        return truncation;
    }

    /** With {@link Truncation#ONLY_SECOND}, the most tokens a query keeps; 0 = half of maxLength. */
    public int maxQueryLength() {
        return maxQueryLength;
    }

    /** The seed of a freshly initialised head. */
    public long seed() {
        return seed;
    }

    /** Intra-op threads of the engine at its first start; 0 = one per core. */
    public int threads() {
        return threads;
    }

    /** Where the progress of a model download goes. */
    public ProgressListener listener() {
        return listener;
    }

    public CrossEncoderOptions withNumLabels(int n) {
        return new CrossEncoderOptions(
                n, maxLength, activation, truncation, maxQueryLength, seed, threads, listener, backend, onnxFile);
    }

    public CrossEncoderOptions withMaxLength(int n) {
        return new CrossEncoderOptions(
                numLabels, n, activation, truncation, maxQueryLength, seed, threads, listener, backend, onnxFile);
    }

    public CrossEncoderOptions withActivation(Activation a) {
        return new CrossEncoderOptions(
                numLabels,
                maxLength,
                Objects.requireNonNull(a, "activation"),
                truncation,
                maxQueryLength,
                seed,
                threads,
                listener,
                backend,
                onnxFile);
    }

    public CrossEncoderOptions withTruncation(Truncation t) {
        return new CrossEncoderOptions(
                numLabels, maxLength, activation, t, maxQueryLength, seed, threads, listener, backend, onnxFile);
    }

    public CrossEncoderOptions withMaxQueryLength(int n) {
        return new CrossEncoderOptions(
                numLabels, maxLength, activation, truncation, n, seed, threads, listener, backend, onnxFile);
    }

    public CrossEncoderOptions withSeed(long s) {
        return new CrossEncoderOptions(
                numLabels, maxLength, activation, truncation, maxQueryLength, s, threads, listener, backend, onnxFile);
    }

    public CrossEncoderOptions withThreads(int n) {
        return new CrossEncoderOptions(
                numLabels, maxLength, activation, truncation, maxQueryLength, seed, n, listener, backend, onnxFile);
    }

    public CrossEncoderOptions withListener(ProgressListener l) {
        return new CrossEncoderOptions(
                numLabels, maxLength, activation, truncation, maxQueryLength, seed, threads, l, backend, onnxFile);
    }

    /**
     * The engine scoring runs on: {@link Backend#TORCH} (the default; needs {@code model.safetensors}) or {@link
     * Backend#ONNX} (needs {@link #onnxFile()}; inference only).
     */
    public Backend backend() {
        return backend;
    }

    /**
     * With {@link Backend#ONNX}, the graph to run, relative to the model directory: {@value #DEFAULT_ONNX_FILE} by
     * default, e.g. {@code onnx/model_qint8_avx2.onnx} for sentence-transformers' int8 export.
     */
    public String onnxFile() {
        return onnxFile;
    }

    public CrossEncoderOptions withBackend(Backend b) {
        return new CrossEncoderOptions(
                numLabels, maxLength, activation, truncation, maxQueryLength, seed, threads, listener, b, onnxFile);
    }

    /** Names the ONNX graph to run (relative to the model directory); only {@link Backend#ONNX} reads it. */
    public CrossEncoderOptions withOnnxFile(String file) {
        return new CrossEncoderOptions(
                numLabels, maxLength, activation, truncation, maxQueryLength, seed, threads, listener, backend, file);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrossEncoderOptions c
                && c.numLabels == numLabels
                && c.maxLength == maxLength
                && c.activation == activation
                && c.truncation == truncation
                && c.maxQueryLength == maxQueryLength
                && c.seed == seed
                && c.threads == threads
                && c.listener == listener
                && c.backend == backend
                && c.onnxFile.equals(onnxFile);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                numLabels,
                maxLength,
                activation,
                truncation,
                maxQueryLength,
                seed,
                threads,
                listener,
                backend,
                onnxFile);
    }

    @Override
    public String toString() {
        return "CrossEncoderOptions[numLabels=" + numLabels + ", maxLength=" + maxLength + ", activation="
                + (activation == null ? "saved" : activation) + ", truncation=" + truncation + ", maxQueryLength="
                + maxQueryLength + ", seed=" + seed + ", threads=" + threads + ", backend=" + backend
                + (backend == Backend.ONNX ? ", onnxFile=" + onnxFile : "") + "]";
    }
}
