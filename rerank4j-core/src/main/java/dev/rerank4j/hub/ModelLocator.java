package dev.rerank4j.hub;

import dev.rerank4j.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Turns what a user typed after {@code --model} into a model directory:
 *
 * <ol>
 *   <li>an existing directory is used as it is;
 *   <li>{@code sentence-transformers/all-MiniLM-L6-v2} (at revision {@code main}) is built offline from the ONNX file
 *       of the Maven artifact {@value BundledMiniLm#ARTIFACT} when that artifact is on the classpath;
 *   <li>any other {@code org/name} is downloaded from the Hugging Face hub into its cache (or served from the cache
 *       when {@code HF_HUB_OFFLINE=1}).
 * </ol>
 *
 * <p>Nothing but step 3 touches the network, and only for a model that is not cached yet.
 */
public final class ModelLocator {
    private final HubOptions hub;
    private final DownloadListener listener;
    private final Path rerank4jCache;

    /**
     * @param hub where the hub and its cache are
     * @param listener download progress
     * @param rerank4jCache where rerank4j keeps models it builds itself (the offline MiniLM)
     */
    public ModelLocator(HubOptions hub, DownloadListener listener, Path rerank4jCache) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.rerank4jCache = Objects.requireNonNull(rerank4jCache, "rerank4jCache");
    }

    /**
     * A locator configured from the environment: the {@code HF_*} variables of {@link HubOptions#fromEnvironment()},
     * and {@link CacheHome#rerank4j()} for rerank4j's own cache; downloads report nowhere.
     */
    public static ModelLocator fromEnvironment() {
        return fromEnvironment(ProgressListener.NONE);
    }

    /** {@link #fromEnvironment()}, with downloads of 1 MiB or more reported to {@code progress}. */
    public static ModelLocator fromEnvironment(ProgressListener progress) {
        return new ModelLocator(
                HubOptions.fromEnvironment(),
                DownloadListener.reportingTo(progress, DownloadListener.DEFAULT_MIN_BYTES),
                CacheHome.rerank4j());
    }

    /**
     * The model directory for a path or model id.
     *
     * @param modelIdOrPath a directory, or a hub id {@code org/name}
     * @param revision the hub revision (branch, tag or commit) of an id
     * @throws IllegalArgumentException if it is neither an existing directory nor a valid hub id
     * @throws HubException if the download fails (the message says why and how to fix it)
     */
    public Path locate(String modelIdOrPath, String revision) {
        if (Files.isDirectory(Path.of(modelIdOrPath))) {
            return Path.of(modelIdOrPath);
        }
        if (Files.exists(Path.of(modelIdOrPath))) {
            throw new IllegalArgumentException(modelIdOrPath + ": a file, not a model directory (give the folder that"
                    + " holds config.json, model.safetensors and tokenizer.json)");
        }
        if (looksLikePath(modelIdOrPath)) {
            throw new IllegalArgumentException("no local directory " + modelIdOrPath + ", and it cannot be a hub id"
                    + " (a hub id looks like org/name, e.g. cross-encoder/ms-marco-MiniLM-L6-v2)");
        }
        if (modelIdOrPath.equals(BundledMiniLm.MODEL_ID) && revision.equals("main") && BundledMiniLm.available()) {
            try {
                return BundledMiniLm.materialize(rerank4jCache);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot build the offline " + BundledMiniLm.MODEL_ID + " in " + rerank4jCache + ": "
                                + e.getMessage(),
                        e);
            }
        }
        Path first = Path.of(modelIdOrPath).getParent();
        if (first != null && Files.isDirectory(first)) {
            throw new IllegalArgumentException("no local directory " + modelIdOrPath + " (" + first + "/ is a local"
                    + " folder, so it is taken as a path, not as a hub id: check the name, or run from another"
                    + " folder to use the hub id)");
        }
        try {
            return new HubClient(hub, listener).modelSnapshot(modelIdOrPath, revision);
        } catch (HubException e) {
            throw e.withPrefix("no local directory " + modelIdOrPath + "; as a hub id it could not be fetched: ");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "no local directory " + modelIdOrPath + ", and it is not a valid hub id: " + e.getMessage(), e);
        }
    }

    /** Whether {@code s} cannot be a hub id {@code org/name}, so that no network request is made for it. */
    private static boolean looksLikePath(String s) {
        return s.isEmpty()
                || s.startsWith("/")
                || s.startsWith(".")
                || s.startsWith("~")
                || s.contains("\\")
                || s.chars().filter(c -> c == '/').count() != 1
                || Files.exists(Path.of(s));
    }
}
