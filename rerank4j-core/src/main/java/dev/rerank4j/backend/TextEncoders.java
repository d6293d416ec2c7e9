package dev.rerank4j.backend;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Loads a {@link TextEncoder} with an engine registered as an {@link EncoderProvider}. */
public final class TextEncoders {
    /** The engine used when none is named: libtorch, which rerank4j-core brings. */
    public static final String DEFAULT_ENGINE = "torch";

    private TextEncoders() {}

    /** Loads the encoder of {@code modelDir} with the default engine. */
    public static TextEncoder load(Path modelDir, int threads) {
        return load(modelDir, threads, DEFAULT_ENGINE);
    }

    /**
     * Loads the encoder of {@code modelDir} with the named engine.
     *
     * @throws IllegalArgumentException if no engine of that name is on the class path (the message lists those that
     *     are)
     */
    public static TextEncoder load(Path modelDir, int threads, String engine) {
        return load(modelDir, threads, engine, Optional.empty());
    }

    /**
     * Loads the encoder of {@code modelDir} with the named engine, from a named file of the directory (empty = the
     * engine's default, e.g. {@code onnx/model.onnx} for {@code onnx}).
     *
     * @throws IllegalArgumentException if no engine of that name is on the class path (the message lists those that
     *     are)
     */
    public static TextEncoder load(Path modelDir, int threads, String engine, Optional<String> file) {
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(engine, "engine");
        List<EncoderProvider> providers = providers();
        return providers.stream()
                .filter(p -> p.name().equals(engine))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no encoder engine \"" + engine + "\" on the class"
                        + " path; available: "
                        + providers.stream().map(EncoderProvider::name).collect(Collectors.joining(", "))))
                .load(modelDir, threads, file);
    }

    /** The engines on the class path. */
    public static List<EncoderProvider> providers() {
        return ServiceLoader.load(EncoderProvider.class, TextEncoders.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
    }
}
