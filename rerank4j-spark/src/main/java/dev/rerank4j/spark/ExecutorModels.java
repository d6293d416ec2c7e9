package dev.rerank4j.spark;

import dev.rerank4j.Backend;
import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.Reranker;
import dev.rerank4j.backend.EncoderProvider;
import dev.rerank4j.backend.TextEncoders;
import dev.rerank4j.embed.EmbeddingModel;
import dev.rerank4j.embed.EmbeddingOptions;
import dev.rerank4j.model.CrossEncoder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models of one executor JVM: each {@link ModelSpec} is loaded once, by the first task that needs it, and shared by
 * every later task of the JVM (scoring and encoding are thread-safe), until the JVM ends.
 *
 * <p>This is the one piece of static mutable state in rerank4j, and it is deliberate: Spark gives a task no other
 * place that outlives it within an executor, and loading a model per task (per partition) would cost seconds each
 * time. The maps only grow by a spec a job asked for.
 */
final class ExecutorModels {
    private static final Map<ModelSpec, Reranker> RERANKERS = new ConcurrentHashMap<>();
    private static final Map<ModelSpec, EmbeddingModel> EMBEDDERS = new ConcurrentHashMap<>();

    private ExecutorModels() {}

    /** The reranker of {@code spec}, loaded at the first call in this JVM. */
    static Reranker reranker(ModelSpec spec) {
        return RERANKERS.computeIfAbsent(
                spec,
                s -> load(
                        s,
                        "cross-encoder",
                        () -> CrossEncoder.load(
                                s.model(),
                                s.revision(),
                                CrossEncoderOptions.defaults()
                                        .withMaxLength(s.maxLength())
                                        .withThreads(s.threads())
                                        .withBackend(Backend.fromName(s.backend())))));
    }

    /** The embedding model of {@code spec}, loaded at the first call in this JVM. */
    static EmbeddingModel embedder(ModelSpec spec) {
        return EMBEDDERS.computeIfAbsent(
                spec,
                s -> load(
                        s,
                        "embedding model",
                        () -> EmbeddingModel.load(
                                s.model(),
                                s.revision(),
                                new EmbeddingOptions(
                                        s.maxLength(), s.threads(), Backend.fromName(s.backend()), Optional.empty()))));
    }

    private interface Loader<T> {
        T load();
    }

    private static <T> T load(ModelSpec spec, String kind, Loader<T> loader) {
        checkBackend(spec);
        try {
            return loader.load();
        } catch (RuntimeException e) {
            throw new ModelUnreadableException(
                    "executor " + host() + ": cannot load the " + kind + " " + spec.model() + " (backend "
                            + spec.backend() + "): " + e.getMessage()
                            + "; give a model directory every executor can read, or a hub id",
                    e);
        }
    }

    /**
     * Fails fast, on the driver and before any Spark job, when {@code spec} names a local path that cannot be a
     * model directory here, or a backend that is not on the class path.
     */
    static void checkOnDriver(ModelSpec spec, String option) {
        checkBackend(spec);
        String m = spec.model();
        Path path = Path.of(m);
        boolean pathLike = m.startsWith("/") || m.startsWith(".") || m.startsWith("~") || m.contains("\\");
        if (Files.exists(path) || pathLike) {
            if (!Files.isDirectory(path)) {
                throw new ModelUnreadableException(
                        option + " " + m + ": " + (Files.exists(path) ? "a file" : "no such" + " directory")
                                + " on the driver (" + host() + "); give a model directory (config.json,"
                                + " tokenizer.json, weights) that the driver and every executor can read");
            }
            if (!Files.isReadable(path)
                    || !(Files.isReadable(path.resolve("config.json"))
                            || Files.isReadable(path.resolve("modules.json")))) {
                throw new ModelUnreadableException(option + " " + m + ": the directory holds no readable config.json"
                        + " or modules.json on the driver (" + host() + "); check its permissions and contents");
            }
        }
    }

    private static void checkBackend(ModelSpec spec) {
        List<String> names =
                TextEncoders.providers().stream().map(EncoderProvider::name).toList();
        if (!names.contains(spec.backend())) {
            throw new ModelUnreadableException(
                    "backend \"" + spec.backend() + "\" is not on the class path; available: " + names);
        }
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown host";
        }
    }
}
