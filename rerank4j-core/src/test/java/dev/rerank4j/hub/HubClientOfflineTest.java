package dev.rerank4j.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rerank4j.hub.HubException.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubClientOfflineTest {
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

    /** Offline options that still point at the live fake hub, so any request it received would show. */
    private HubClient offline() {
        HubOptions env = HubOptions.fromEnvironment(
                java.util.Map.of(
                        "HF_ENDPOINT", hub.uri().toString(),
                        "HF_HUB_CACHE", cache.toString(),
                        "HF_HUB_OFFLINE", "1"),
                cache);
        assertThat(env.networkMode()).isEqualTo(NetworkMode.OFFLINE);
        return new HubClient(env, DownloadListener.none());
    }

    @Test
    void servesWhatWasDownloadedWithoutAnyRequest() {
        HubClient online = new HubClient(HubOptions.of(hub.uri(), cache), DownloadListener.none());
        Path config = online.file(REPO, "main", "config.json");
        Path snapshot = online.modelSnapshot(REPO, "main");
        int before = hub.requests().size();

        HubClient offline = offline();
        assertThat(offline.file(REPO, "main", "config.json")).isEqualTo(config);
        assertThat(offline.file(REPO, FakeRepo.COMMIT, "1_Pooling/config.json")).exists();
        assertThat(offline.snapshot(REPO, "main", List.of("*.json"))).isEqualTo(snapshot);
        assertThat(offline.modelSnapshot(REPO, "main")).isEqualTo(snapshot);
        assertThat(offline.optionalFile(REPO, "main", "absent.txt")).isEmpty();

        assertThat(hub.requests()).hasSize(before);
    }

    @Test
    void missingModelFailsClearlyWithoutAnyRequest() {
        HubClient offline = offline();

        HubException e = catchThrowableOfType(HubException.class, () -> offline.file(REPO, "main", "config.json"));
        assertThat(e.kind()).isEqualTo(Kind.NOT_IN_CACHE);
        assertThat(e.getMessage())
                .contains("'config.json' of acme/tiny-reranker at revision 'main'")
                .contains("not in the cache at " + cache.resolve("models--acme--tiny-reranker"))
                .contains("offline mode is on", "HF_HUB_OFFLINE");

        HubException snapshot = catchThrowableOfType(HubException.class, () -> offline.modelSnapshot(REPO, "main"));
        assertThat(snapshot.kind()).isEqualTo(Kind.NOT_IN_CACHE);
        HubException optional =
                catchThrowableOfType(HubException.class, () -> offline.optionalFile(REPO, "main", "config.json"));
        assertThat(optional.kind()).isEqualTo(Kind.NOT_IN_CACHE);

        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void missingFileOfACachedRevisionFailsClearly() {
        new HubClient(HubOptions.of(hub.uri(), cache), DownloadListener.none()).file(REPO, "main", "config.json");
        int before = hub.requests().size();

        HubException e =
                catchThrowableOfType(HubException.class, () -> offline().file(REPO, "main", "tokenizer.json"));

        assertThat(e.kind()).isEqualTo(Kind.NOT_IN_CACHE);
        assertThat(e.getMessage()).contains("tokenizer.json");
        assertThat(hub.requests()).hasSize(before);
    }
}
