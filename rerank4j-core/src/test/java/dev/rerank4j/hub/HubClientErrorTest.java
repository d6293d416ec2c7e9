package dev.rerank4j.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rerank4j.hub.FakeHubServer.Delivery;
import dev.rerank4j.hub.FakeHubServer.Reply;
import dev.rerank4j.hub.HubException.Kind;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubClientErrorTest {
    private static final String REPO = "acme/tiny-reranker";

    @TempDir
    Path cache;

    private FakeHubServer hub;
    private FakeRepo repo;

    @BeforeEach
    void start() throws IOException {
        hub = new FakeHubServer(request -> Reply.status(500));
        repo = FakeRepo.standard(hub.otherOrigin());
        hub.handler(repo);
    }

    @AfterEach
    void stop() throws IOException {
        hub.close();
    }

    private HubClient client(int retries) {
        return new HubClient(
                HubOptions.of(hub.uri(), cache).withRetries(retries, Duration.ZERO), DownloadListener.none());
    }

    private Path repoRoot() {
        return cache.resolve("models--acme--tiny-reranker");
    }

    @Test
    void unknownRepositoryIsRepoNotFoundAndSuggestsAToken() {
        HubException e =
                catchThrowableOfType(HubException.class, () -> client(0).file("acme/missing", "main", "config.json"));

        assertThat(e.kind()).isEqualTo(Kind.REPO_NOT_FOUND);
        assertThat(e.statusCode()).hasValue(404);
        assertThat(e.getMessage()).contains("acme/missing", "RepoNotFound", "set HF_TOKEN");
    }

    @Test
    void unknownRepositoryListingIsRepoNotFound() {
        assertThatThrownBy(() -> client(0).modelSnapshot("acme/missing", "main"))
                .isInstanceOfSatisfying(
                        HubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REPO_NOT_FOUND));
    }

    @Test
    void missingFileIsEntryNotFoundAndIsRememberedAsAbsent() {
        HubClient client = client(0);
        HubException e = catchThrowableOfType(HubException.class, () -> client.file(REPO, "main", "nope.json"));

        assertThat(e.kind()).isEqualTo(Kind.ENTRY_NOT_FOUND);
        assertThat(e.getMessage()).contains("nope.json", REPO, "'main'");
        assertThat(client.optionalFile(REPO, "main", "nope.json")).isEmpty();
        assertThat(repoRoot().resolve(".no_exist/" + FakeRepo.COMMIT + "/nope.json"))
                .isEmptyFile();
        assertThat(client.optionalFile(REPO, "main", "config.json")).isPresent();
    }

    @Test
    void unknownRevisionIsRevisionNotFound() {
        assertThatThrownBy(() -> client(0).file(REPO, "v9", "config.json"))
                .isInstanceOfSatisfying(HubException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REVISION_NOT_FOUND);
                    assertThat(e.getMessage()).contains("'v9'");
                });
        assertThatThrownBy(() -> client(0).snapshot(REPO, "v9", List.of()))
                .isInstanceOfSatisfying(
                        HubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REVISION_NOT_FOUND));
    }

    @Test
    void gatedRepositoryWithoutTokenIsAccessDeniedWithAdvice() {
        repo.gated("hf_right");

        HubException e =
                catchThrowableOfType(HubException.class, () -> client(0).file(REPO, "main", "config.json"));

        assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
        assertThat(e.statusCode()).hasValue(401);
        assertThat(e.getMessage()).contains("gated", "HF_TOKEN", hub.uri() + "/" + REPO);
        HubClient authorized =
                new HubClient(HubOptions.of(hub.uri(), cache).withToken("hf_right"), DownloadListener.none());
        assertThat(authorized.file(REPO, "main", "config.json")).exists();
    }

    @Test
    void plain403IsAccessDenied() {
        hub.handler(request -> Reply.status(403));

        assertThatThrownBy(() -> client(0).file(REPO, "main", "config.json"))
                .isInstanceOfSatisfying(HubException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
                    assertThat(e.getMessage()).contains("HF_TOKEN");
                });
    }

    @Test
    void connectionDroppedMidBodyLeavesNoPartialFile() throws IOException {
        hub.handler(request -> request.rawPath().startsWith("/lfs/")
                ? repo.handle(request).cut(Delivery.DROP, 150_000)
                : repo.handle(request));

        HubException e =
                catchThrowableOfType(HubException.class, () -> client(1).file(REPO, "main", "model.safetensors"));

        assertThat(e.kind()).isEqualTo(Kind.CONNECTION);
        assertThat(e.getMessage()).contains("model.safetensors", "localhost:", "150000", "failed 2 times");
        assertThat(hub.count("GET", "/lfs/")).isEqualTo(2);
        assertThat(allFiles(repoRoot().resolve("blobs"))).isEmpty();
        assertThat(allFiles(repoRoot().resolve("snapshots"))).isEmpty();
    }

    @Test
    void bodyShorterThanAnnouncedSizeIsCorruptAndLeavesNoFile() throws IOException {
        hub.handler(request -> {
            Reply reply = repo.handle(request);
            return request.rawPath().contains("/resolve/") ? reply.header("X-Linked-Size", "300001") : reply;
        });

        HubException e =
                catchThrowableOfType(HubException.class, () -> client(0).file(REPO, "main", "model.safetensors"));

        assertThat(e.kind()).isEqualTo(Kind.CORRUPT_DOWNLOAD);
        assertThat(e.getMessage()).contains("300000", "300001");
        assertThat(allFiles(repoRoot().resolve("blobs"))).isEmpty();
        assertThat(allFiles(repoRoot().resolve("snapshots"))).isEmpty();
    }

    @Test
    void contentLengthLargerThanTheBodyIsAConnectionFailure() throws IOException {
        hub.handler(request -> {
            Reply reply = repo.handle(request);
            return request.rawPath().contains("/lfs/")
                    ? reply.header("Content-Length", "400000").cut(Delivery.DROP, 300_000)
                    : reply;
        });

        HubException e =
                catchThrowableOfType(HubException.class, () -> client(0).file(REPO, "main", "model.safetensors"));

        assertThat(e.kind()).isEqualTo(Kind.CONNECTION);
        assertThat(allFiles(repoRoot().resolve("blobs"))).isEmpty();
    }

    @Test
    void wrongSha256IsCorrupt() throws IOException {
        hub.handler(request -> request.rawPath().startsWith("/lfs/")
                ? Reply.status(200).body(new byte[300_000])
                : repo.handle(request));

        HubException e =
                catchThrowableOfType(HubException.class, () -> client(0).file(REPO, "main", "model.safetensors"));

        assertThat(e.kind()).isEqualTo(Kind.CORRUPT_DOWNLOAD);
        assertThat(e.getMessage())
                .contains("SHA-256", repo.entry("model.safetensors").sha256());
        assertThat(allFiles(repoRoot().resolve("blobs"))).isEmpty();
    }

    @Test
    void stalledBodyTimesOut() throws IOException {
        hub.handler(request -> request.rawPath().startsWith("/lfs/")
                ? repo.handle(request).cut(Delivery.STALL, 1000)
                : repo.handle(request));
        HubClient client = new HubClient(
                HubOptions.of(hub.uri(), cache).withRetries(0, Duration.ZERO).withTimeout(Duration.ofMillis(300)),
                DownloadListener.none());

        HubException e = catchThrowableOfType(HubException.class, () -> client.file(REPO, "main", "model.safetensors"));

        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.getMessage()).contains("HF_HUB_DOWNLOAD_TIMEOUT");
        assertThat(allFiles(repoRoot().resolve("blobs"))).isEmpty();
    }

    @Test
    void serverErrorsAreRetriedThenReported() {
        AtomicInteger calls = new AtomicInteger();
        hub.handler(request -> calls.incrementAndGet() == 1 ? Reply.status(503) : repo.handle(request));
        assertThat(client(2).file(REPO, "main", "config.json")).exists();
        assertThat(hub.count("HEAD", "/resolve/")).isEqualTo(2);

        hub.handler(request -> Reply.status(500));
        HubException e =
                catchThrowableOfType(HubException.class, () -> client(2).file(REPO, "main", "other.json"));
        assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(e.statusCode()).hasValue(500);
        assertThat(e.getMessage()).contains("failed 3 times", "not in the cache");
        assertThat(hub.count("HEAD", "other.json")).isEqualTo(3);
    }

    @Test
    void refusedConnectionIsReportedAndCachedFilesStillServe() throws IOException {
        client(0).file(REPO, "main", "config.json");
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        HubClient unreachable =
                new HubClient(HubOptions.of(closed, cache).withRetries(0, Duration.ZERO), DownloadListener.none());

        assertThat(unreachable.file(REPO, "main", "config.json")).hasContent("{\"model_type\": \"bert\"}");
        HubException e =
                catchThrowableOfType(HubException.class, () -> unreachable.file(REPO, "main", "tokenizer.json"));
        assertThat(e.kind()).isEqualTo(Kind.CONNECTION);
        assertThat(e.getMessage())
                .contains(
                        "cannot connect",
                        "connection refused",
                        "HF_HUB_OFFLINE",
                        repoRoot().toString());
    }

    @Test
    void serverThatIsNotAHubIsReported() {
        hub.handler(request -> Reply.status(200).body("<html>proxy login</html>".getBytes()));

        assertThatThrownBy(() -> client(0).file(REPO, "main", "config.json"))
                .isInstanceOfSatisfying(HubException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.HTTP_ERROR);
                    assertThat(e.getMessage()).contains("X-Repo-Commit", "HF_ENDPOINT");
                });
    }

    @Test
    void pathTraversalFromTheServerIsRejected() {
        hub.handler(request -> request.rawPath().startsWith("/api/")
                ? Reply.status(200)
                        .body(("{\"sha\": \"" + FakeRepo.COMMIT
                                        + "\", \"siblings\": [{\"rfilename\": \"../../evil\"}]}")
                                .getBytes())
                : repo.handle(request).header("ETag", "\"../../evil\""));

        assertThatThrownBy(() -> client(0).snapshot(REPO, "main", List.of()))
                .isInstanceOfSatisfying(
                        HubException.class, e -> assertThat(e.getMessage()).contains("../../evil"));
        assertThatThrownBy(() -> client(0).file(REPO, "main", "config.json"))
                .isInstanceOfSatisfying(
                        HubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.HTTP_ERROR));
        assertThat(cache.getParent().resolve("evil")).doesNotExist();
    }

    @Test
    void badArgumentsAreRejectedWithTheirValue() {
        HubClient client = client(0);
        assertThatThrownBy(() -> client.file("not a repo", "main", "config.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'not a repo'")
                .hasMessageContaining("org/name");
        assertThatThrownBy(() -> client.file("a/b/c", "main", "config.json")).hasMessageContaining("'a/b/c'");
        assertThatThrownBy(() -> client.file("acme/x--y", "main", "config.json"))
                .hasMessageContaining("'--'");
        assertThatThrownBy(() -> client.file(REPO, "main", "../config.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("filename");
        assertThatThrownBy(() -> client.file(REPO, "", "config.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("revision");
        assertThatThrownBy(() -> client.snapshot(REPO, "main", List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pattern");
        assertThat(hub.requests()).isEmpty();
    }

    static List<Path> allFiles(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(path -> !Files.isDirectory(path)).toList();
        }
    }
}
