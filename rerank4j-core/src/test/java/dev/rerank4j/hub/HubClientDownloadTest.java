package dev.rerank4j.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubClientDownloadTest {
    private static final String REPO = "acme/tiny-reranker";

    @TempDir
    Path cache;

    private FakeHubServer hub;
    private FakeRepo repo;

    @BeforeEach
    void start() throws IOException {
        hub = new FakeHubServer(request -> FakeHubServer.Reply.status(500));
        repo = FakeRepo.standard(hub.otherOrigin());
        hub.handler(repo);
    }

    @AfterEach
    void stop() throws IOException {
        hub.close();
    }

    private HubClient client() {
        return new HubClient(HubOptions.of(hub.uri(), cache).withRetries(0, Duration.ZERO), DownloadListener.none());
    }

    @Test
    void freshDownloadCreatesTheHuggingfaceHubLayout() throws IOException {
        HubClient client = client();
        Path config = client.file(REPO, "main", "config.json");
        Path weights = client.file(REPO, "main", "model.safetensors");
        Path pooling = client.file(REPO, "main", "1_Pooling/config.json");

        Path root = cache.resolve("models--acme--tiny-reranker");
        Path snapshot = root.resolve("snapshots").resolve(FakeRepo.COMMIT);
        assertThat(config).isEqualTo(snapshot.resolve("config.json"));
        assertThat(weights).isEqualTo(snapshot.resolve("model.safetensors"));
        assertThat(pooling).isEqualTo(snapshot.resolve("1_Pooling/config.json"));

        String configEtag = repo.entry("config.json").gitSha1();
        String weightsEtag = repo.entry("model.safetensors").sha256();
        String poolingEtag = repo.entry("1_Pooling/config.json").gitSha1();
        assertThat(Files.readSymbolicLink(config)).isEqualTo(Path.of("../../blobs/" + configEtag));
        assertThat(Files.readSymbolicLink(weights)).isEqualTo(Path.of("../../blobs/" + weightsEtag));
        assertThat(Files.readSymbolicLink(pooling)).isEqualTo(Path.of("../../../blobs/" + poolingEtag));
        assertThat(Files.readAllBytes(weights))
                .isEqualTo(repo.entry("model.safetensors").content());
        assertThat(Files.readAllBytes(pooling))
                .isEqualTo(repo.entry("1_Pooling/config.json").content());

        assertThat(names(root.resolve("blobs"))).containsExactlyInAnyOrder(configEtag, weightsEtag, poolingEtag);
        assertThat(Files.readString(root.resolve("refs/main"))).isEqualTo(FakeRepo.COMMIT);
        assertThat(names(root.resolve("refs"))).containsExactly("main");
        assertThat(cache.resolve("CACHEDIR.TAG")).content().startsWith("Signature: 8a477f597d28d172789f06886806bc55\n");
    }

    @Test
    void secondRequestIsACacheHitWithoutBodyDownloads() {
        HubClient client = client();
        client.file(REPO, "main", "config.json");
        client.file(REPO, "main", "model.safetensors");
        assertThat(hub.count("GET", "/resolve/")).isEqualTo(1);
        assertThat(hub.count("GET", "/lfs/")).isEqualTo(1);
        int before = hub.requests().size();

        Path again = client().file(REPO, "main", "model.safetensors");

        assertThat(again).exists();
        List<FakeHubServer.Request> later =
                hub.requests().subList(before, hub.requests().size());
        assertThat(later).extracting(FakeHubServer.Request::method).containsOnly("HEAD");
        assertThat(hub.count("GET", "/lfs/")).isEqualTo(1);
    }

    @Test
    void cachedSnapshotCostsOneListingCall() {
        client().snapshot(REPO, "main", List.of());
        int before = hub.requests().size();

        Path folder = client().snapshot(REPO, "main", List.of());

        assertThat(folder.resolve("model.safetensors")).exists();
        List<FakeHubServer.Request> later =
                hub.requests().subList(before, hub.requests().size());
        assertThat(later).hasSize(1);
        assertThat(later.get(0).rawPath()).isEqualTo("/api/models/acme/tiny-reranker/revision/main");
    }

    @Test
    void commitHashRevisionWritesNoRefAndIsServedFromCacheWithoutRequests() {
        Path first = client().file(REPO, FakeRepo.COMMIT, "config.json");
        int before = hub.requests().size();

        Path second = client().file(REPO, FakeRepo.COMMIT, "config.json");

        assertThat(second).isEqualTo(first);
        assertThat(hub.requests()).hasSize(before);
        assertThat(cache.resolve("models--acme--tiny-reranker/refs")).doesNotExist();
        assertThat(hub.requests().get(0).rawPath())
                .isEqualTo("/acme/tiny-reranker/resolve/" + FakeRepo.COMMIT + "/config.json");
    }

    @Test
    void revisionWithSlashesIsPercentEncodedAndStoredAsNestedRef() throws IOException {
        Path file = client().file(REPO, "refs/pr/1", "config.json");

        assertThat(hub.requests().get(0).rawPath()).isEqualTo("/acme/tiny-reranker/resolve/refs%2Fpr%2F1/config.json");
        Path root = cache.resolve("models--acme--tiny-reranker");
        assertThat(Files.readString(root.resolve("refs/refs/pr/1"))).isEqualTo(FakeRepo.PR_COMMIT);
        assertThat(file).isEqualTo(root.resolve("snapshots/" + FakeRepo.PR_COMMIT + "/config.json"));
    }

    @Test
    void fileNamesArePercentEncodedButKeepTheirSlashes() {
        repo.add("sub dir/na+me é.json", "{}", false);

        Path file = client().file(REPO, "main", "sub dir/na+me é.json");

        assertThat(file).exists();
        assertThat(hub.requests().get(0).rawPath())
                .isEqualTo("/acme/tiny-reranker/resolve/main/sub%20dir/na%2Bme%20%C3%A9.json");
    }

    @Test
    void tokenIsSentAsBearerToTheHub() {
        HubClient client =
                new HubClient(HubOptions.of(hub.uri(), cache).withToken("hf_secret"), DownloadListener.none());

        client.snapshot(REPO, "main", List.of("*.json"));

        assertThat(hub.requests())
                .isNotEmpty()
                .allSatisfy(
                        request -> assertThat(request.header("Authorization")).contains("Bearer hf_secret"));
    }

    @Test
    void environmentDecidesWhereFilesLandAndWhichTokenIsSent() throws IOException {
        Path hfHome = Files.createDirectories(cache.resolve("hf-home"));
        Files.writeString(hfHome.resolve("token"), "hf_from_login\n");
        HubOptions options = HubOptions.fromEnvironment(
                Map.of("HF_ENDPOINT", hub.uri() + "/", "HF_HOME", hfHome.toString(), "HF_HUB_OFFLINE", "0"),
                cache.resolve("user-home"));

        Path config = new HubClient(options, DownloadListener.none()).file(REPO, "main", "config.json");

        assertThat(config)
                .isEqualTo(hfHome.resolve(
                        "hub/models--acme--tiny-reranker/snapshots/" + FakeRepo.COMMIT + "/config.json"));
        assertThat(hub.requests())
                .allSatisfy(r -> assertThat(r.header("Authorization")).contains("Bearer hf_from_login"));
    }

    @Test
    void noAuthorizationHeaderWithoutToken() {
        client().snapshot(REPO, "main", List.of());

        assertThat(hub.requests())
                .isNotEmpty()
                .allSatisfy(
                        request -> assertThat(request.header("Authorization")).isEmpty());
    }

    @Test
    void listenerHearsAboutDownloadsButNotCacheHits() {
        List<String> events = new ArrayList<>();
        DownloadListener recorder = new DownloadListener() {
            @Override
            public void started(String file, long totalBytes) {
                events.add("started " + file + " " + totalBytes);
            }

            @Override
            public void progress(long bytesSoFar) {
                events.add("progress " + bytesSoFar);
            }

            @Override
            public void finished() {
                events.add("finished");
            }
        };
        HubClient client = new HubClient(HubOptions.of(hub.uri(), cache), recorder);

        client.file(REPO, "main", "model.safetensors");
        client.file(REPO, "main", "model.safetensors");

        assertThat(events).first().isEqualTo("started model.safetensors 300000");
        assertThat(events).last().isEqualTo("finished");
        assertThat(events.get(events.size() - 2)).isEqualTo("progress 300000");
        assertThat(events).filteredOn(e -> e.startsWith("started")).hasSize(1);
    }

    @Test
    void blobSharedByTwoRevisionsIsDownloadedOnce() {
        HubClient client = client();
        client.file(REPO, "main", "model.safetensors");
        Path viaPr = client.file(REPO, "refs/pr/1", "model.safetensors");

        assertThat(viaPr).exists();
        assertThat(hub.count("GET", "/lfs/")).isEqualTo(1);
    }

    static List<String> names(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(path -> path.getFileName().toString()).toList();
        }
    }
}
