package dev.rerank4j.hub;

import dev.rerank4j.ProgressListener;
import dev.rerank4j.hub.HubException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads files and model folders from a Hugging Face hub into the shared hub cache, with huggingface_hub's
 * {@code hf_hub_download} / {@code snapshot_download} behaviour: the same cache layout (see {@link HubOptions} for
 * where it is), the same environment variables, the same URLs and headers.
 *
 * <p>Online, a file request costs one HEAD (to learn the commit a branch points to) and, when the cache lacks the
 * blob, one GET; a request by commit hash whose file is cached costs nothing. A snapshot costs one listing call.
 * When the hub cannot be reached, or answers 5xx, 401 or "repository not found", a cached copy of the same
 * revision is served instead (with a warning), as huggingface_hub does. Offline, no connection is ever opened.
 *
 * <p>Instances are immutable and may be shared between threads; the {@link DownloadListener} is called from the
 * thread that asked for a file.
 */
public final class HubClient {
    /** The revision used when none is given. */
    public static final String DEFAULT_REVISION = "main";

    private static final Logger LOG = LoggerFactory.getLogger(HubClient.class);

    private final HubOptions options;
    private final DownloadListener listener;
    private final Optional<HubHttp> http;

    /**
     * A client with the given options; offline options never create an HTTP client.
     *
     * @param options endpoint, cache, token, network mode, timeouts
     * @param listener told about each file transfer; {@link DownloadListener#none()} for silence
     */
    public HubClient(HubOptions options, DownloadListener listener) {
        this.options = Objects.requireNonNull(options, "options must not be null");
        this.listener = Objects.requireNonNull(listener, "listener must not be null");
        this.http = options.networkMode() == NetworkMode.ONLINE ? Optional.of(new HubHttp(options)) : Optional.empty();
    }

    /** A client configured from the environment (see {@link HubOptions#fromEnvironment()}); downloads report nowhere. */
    public static HubClient fromEnvironment() {
        return fromEnvironment(ProgressListener.NONE);
    }

    /** {@link #fromEnvironment()}, with downloads of 1 MiB or more reported to {@code progress}. */
    public static HubClient fromEnvironment(ProgressListener progress) {
        return new HubClient(
                HubOptions.fromEnvironment(),
                DownloadListener.reportingTo(progress, DownloadListener.DEFAULT_MIN_BYTES));
    }

    public HubOptions options() {
        return options;
    }

    /**
     * One file, downloaded unless cached.
     *
     * @param repoId e.g. {@code cross-encoder/ms-marco-MiniLM-L6-v2}
     * @param revision a branch, tag or 40-character commit hash, e.g. {@link #DEFAULT_REVISION}
     * @param filename the path in the repository, e.g. {@code config.json} or {@code 1_Pooling/config.json}
     * @return {@code snapshots/{commit}/{filename}} in the repository's cache folder
     * @throws HubException if the file cannot be had (see {@link HubException#kind()})
     * @throws IllegalArgumentException if {@code repoId}, {@code revision} or {@code filename} is malformed
     */
    public Path file(String repoId, String revision, String filename) {
        RepoId repo = new RepoId(repoId);
        checkPath("revision", revision);
        checkPath("filename", filename);
        RepoCache cache = new RepoCache(options.hubCache(), repo);
        if (http.isEmpty()) {
            return cache.cachedFile(revision, filename).orElseThrow(() -> notInCache(cache, repo, revision, filename));
        }
        return fetch(http.get(), cache, repo, revision, filename);
    }

    /**
     * Like {@link #file}, but a file that does not exist in the repository gives an empty answer instead of an
     * {@link Kind#ENTRY_NOT_FOUND} error. Offline, a file is taken to be absent when the revision's snapshot is cached
     * without it.
     */
    public Optional<Path> optionalFile(String repoId, String revision, String filename) {
        try {
            return Optional.of(file(repoId, revision, filename));
        } catch (HubException e) {
            if (e.kind() == Kind.ENTRY_NOT_FOUND) {
                return Optional.empty();
            }
            RepoCache cache = new RepoCache(options.hubCache(), new RepoId(repoId));
            Optional<String> commit = cache.commitFor(revision);
            boolean knownAbsent = commit.isPresent()
                    && (cache.knownAbsent(commit.get(), filename)
                            || (http.isEmpty() && Files.isDirectory(cache.snapshotDir(commit.get()))));
            if (knownAbsent) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The files of a revision that match any of {@code allowPatterns} (like {@code snapshot_download}'s {@code
     * allow_patterns}: {@code *} also crosses {@code /}; {@code dir/} means everything below {@code dir}).
     *
     * @param allowPatterns shell patterns; an empty list selects every file
     * @return the snapshot folder {@code snapshots/{commit}}; offline, the cached snapshot of the revision as is
     * @throws HubException if the revision cannot be listed nor found in the cache, if a file fails, or if no file
     *     matches (kind {@link Kind#ENTRY_NOT_FOUND})
     */
    public Path snapshot(String repoId, String revision, List<String> allowPatterns) {
        return snapshot(RepoType.MODEL, repoId, revision, allowPatterns);
    }

    /**
     * {@link #snapshot(String, String, List)} of a repository of the given type, e.g. the Parquet files of a dataset:
     * {@code snapshot(RepoType.DATASET, "sentence-transformers/gooaq", "main", List.of("pair/train-*"))}.
     */
    public Path snapshot(RepoType type, String repoId, String revision, List<String> allowPatterns) {
        RepoId repo = new RepoId(repoId, type);
        checkPath("revision", revision);
        Objects.requireNonNull(allowPatterns, "allowPatterns must not be null (use an empty list for all files)");
        List<Glob> globs = allowPatterns.stream().map(Glob::of).toList();
        RepoCache cache = new RepoCache(options.hubCache(), repo);
        Optional<RepoListing> listing = list(cache, repo, revision);
        if (listing.isEmpty()) {
            return cachedSnapshot(cache, repo, revision);
        }
        Predicate<String> allowed = file -> globs.isEmpty() || globs.stream().anyMatch(glob -> glob.test(file));
        List<String> chosen = listing.get().files().stream().filter(allowed).toList();
        if (chosen.isEmpty()) {
            throw new HubException(
                    Kind.ENTRY_NOT_FOUND,
                    "no file of " + repo + " at revision '" + revision + "' matches " + allowPatterns + "; its files: "
                            + preview(listing.get().files()));
        }
        return fetchAll(cache, repo, listing.get(), chosen);
    }

    /**
     * The paths of every file of a revision, in the hub's order: online from the hub's listing; offline (or when the
     * hub cannot be reached) from the cached snapshot of the revision, which may hold only part of the repository.
     *
     * @throws HubException if the revision can be neither listed nor found in the cache
     */
    public List<String> files(RepoType type, String repoId, String revision) {
        RepoId repo = new RepoId(repoId, type);
        checkPath("revision", revision);
        RepoCache cache = new RepoCache(options.hubCache(), repo);
        Optional<RepoListing> listing = list(cache, repo, revision);
        if (listing.isPresent()) {
            return listing.get().files();
        }
        Path dir = cachedSnapshot(cache, repo, revision);
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !Files.isDirectory(p))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (java.io.IOException e) {
            throw new HubException(Kind.CACHE_IO, "cannot list the cached snapshot " + dir + " (" + e + ")", e);
        }
    }

    /** {@link #snapshot(String, String, List)} of every file. */
    public Path snapshot(String repoId, String revision) {
        return snapshot(repoId, revision, List.of());
    }

    /**
     * The files a cross-encoder or sentence-transformers model needs: top-level {@code *.json}, {@code
     * model.safetensors} or the index and its shards, tokenizer files ({@code tokenizer.json}, {@code vocab.txt},
     * {@code merges.txt}, {@code *.model}), {@code README.md}, the module folders listed in {@code modules.json},
     * {@code 0_StaticEmbedding/}; never {@code pytorch_model.bin}, {@code *.onnx}, {@code *.h5}, {@code *.msgpack},
     * {@code *.ot}, {@code onnx/} or {@code openvino/}, which rerank4j cannot read (a repository without safetensors
     * yields a folder without weights, for the loader to report).
     *
     * @return the snapshot folder {@code snapshots/{commit}}; offline, the cached snapshot of the revision as is
     */
    public Path modelSnapshot(String repoId, String revision) {
        RepoId repo = new RepoId(repoId);
        checkPath("revision", revision);
        RepoCache cache = new RepoCache(options.hubCache(), repo);
        Optional<RepoListing> listing = list(cache, repo, revision);
        if (listing.isEmpty()) {
            return cachedSnapshot(cache, repo, revision);
        }
        List<String> files = listing.get().files();
        Path folder = fetchAll(cache, repo, listing.get(), ModelFiles.configs(files));
        List<String> modules = files.contains(ModelFiles.MODULES)
                ? ModelFiles.modulePaths(folder.resolve(ModelFiles.MODULES))
                : List.of();
        Set<String> shards = files.contains(ModelFiles.SAFETENSORS_INDEX)
                ? ModelFiles.shards(folder.resolve(ModelFiles.SAFETENSORS_INDEX))
                : Set.of();
        return fetchAll(cache, repo, listing.get(), ModelFiles.select(files, modules, shards));
    }

    /** {@link #modelSnapshot(String, String)} at {@link #DEFAULT_REVISION}. */
    public Path modelSnapshot(String repoId) {
        return modelSnapshot(repoId, DEFAULT_REVISION);
    }

    /** Lists the revision, or answers empty when offline or when the hub fails in a way the cache may cover. */
    private Optional<RepoListing> list(RepoCache cache, RepoId repo, String revision) {
        if (http.isEmpty()) {
            return Optional.empty();
        }
        HubRequest request = request(repo, revision, "");
        URI url = HubUrls.repoInfo(options.endpoint(), repo, revision);
        try {
            RepoListing listing = RepoListing.parse(http.get().getJson(url, request), request, url);
            cache.writeRef(revision, listing.commit());
            return Optional.of(listing);
        } catch (HubException e) {
            if (e.kind() == Kind.REVISION_NOT_FOUND || e.kind() == Kind.CACHE_IO) {
                throw e;
            }
            Path cached = cache.commitFor(revision)
                    .map(cache::snapshotDir)
                    .filter(Files::isDirectory)
                    .orElseThrow(() -> e.withDetail("; no snapshot of " + repo + " at revision '" + revision
                            + "' is in the cache at " + cache.root() + " either"));
            LOG.warn("{}; using the cached snapshot {}", e.getMessage(), cached);
            return Optional.empty();
        }
    }

    private Path fetchAll(RepoCache cache, RepoId repo, RepoListing listing, List<String> files) {
        for (String file : files) {
            fetch(http.orElseThrow(), cache, repo, listing.commit(), file);
        }
        Path folder = cache.snapshotDir(listing.commit());
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new HubException(Kind.CACHE_IO, "cannot create " + folder + " (" + e + ")", e);
        }
    }

    private Path fetch(HubHttp hub, RepoCache cache, RepoId repo, String revision, String filename) {
        if (RepoCache.isCommitHash(revision) && Files.exists(cache.snapshotFile(revision, filename))) {
            return cache.snapshotFile(revision, filename);
        }
        HubRequest request = request(repo, revision, filename);
        FileMetadata metadata;
        try {
            HttpResponse<Void> head = hub.head(HubUrls.resolve(options.endpoint(), repo, revision, filename), request);
            if (head.statusCode() >= 400) {
                throw failedHead(cache, request, head);
            }
            metadata = FileMetadata.from(head, request);
        } catch (HubException e) {
            if (e.kind() == Kind.ENTRY_NOT_FOUND || e.kind() == Kind.REVISION_NOT_FOUND) {
                throw e;
            }
            Path cached = cache.cachedFile(revision, filename)
                    .orElseThrow(() -> e.withDetail(
                            "; " + request.what() + " is not in the cache at " + cache.root() + " either"));
            LOG.warn("{}; using the cached copy {}", e.getMessage(), cached);
            return cached;
        }
        cache.writeRef(revision, metadata.commit());
        Path pointer = cache.snapshotFile(metadata.commit(), filename);
        if (Files.exists(pointer)) {
            return pointer;
        }
        Path blob = cache.blob(metadata.etag());
        if (!Files.exists(blob)) {
            BlobDownload.run(hub, cache, request, metadata, blob, listener);
        }
        cache.link(blob, pointer);
        return pointer;
    }

    /** Turns an error answer to HEAD into its exception, caching "file absent" as huggingface_hub does. */
    private static HubException failedHead(RepoCache cache, HubRequest request, HttpResponse<Void> head) {
        HubException failure = request.httpFailure(head.statusCode(), head.headers(), head.uri());
        if (failure.kind() == Kind.ENTRY_NOT_FOUND) {
            head.headers()
                    .firstValue("X-Repo-Commit")
                    .filter(RepoCache::isSafeName)
                    .ifPresent(commit -> {
                        cache.markAbsent(commit, request.filename());
                        cache.writeRef(request.revision(), commit);
                    });
        }
        return failure;
    }

    private Path cachedSnapshot(RepoCache cache, RepoId repo, String revision) {
        return cache.commitFor(revision)
                .map(cache::snapshotDir)
                .filter(Files::isDirectory)
                .orElseThrow(() -> notInCache(cache, repo, revision, ""));
    }

    private HubRequest request(RepoId repo, String revision, String filename) {
        return new HubRequest(
                options.endpoint(),
                repo,
                revision,
                filename,
                options.bearerToken().isPresent());
    }

    private static HubException notInCache(RepoCache cache, RepoId repo, String revision, String filename) {
        String what = HubRequest.describe(repo, revision, filename);
        return new HubException(
                Kind.NOT_IN_CACHE,
                what + " is not in the cache at " + cache.root() + " and offline mode is on (HF_HUB_OFFLINE=1):"
                        + " download it once with network access, or unset HF_HUB_OFFLINE");
    }

    private static void checkPath(String name, String value) {
        Objects.requireNonNull(value, name + " must not be null");
        RepoCache.pathProblem(value).ifPresent(problem -> {
            throw new IllegalArgumentException(name + " " + problem + ", got '" + value + "'");
        });
    }

    private static String preview(List<String> files) {
        return files.size() <= 20 ? files.toString() : files.subList(0, 20) + " and " + (files.size() - 20) + " more";
    }
}
