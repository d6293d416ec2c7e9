package dev.rerank4j.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rerank4j.hub.FakeHubServer.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubClientRedirectTest {
    private static final String REPO = "acme/tiny-reranker";

    @TempDir
    Path cache;

    private FakeHubServer hub;
    private FakeHubServer cdn;
    private FakeRepo repo;

    @BeforeEach
    void start() throws IOException {
        hub = new FakeHubServer(request -> Reply.status(500));
        cdn = new FakeHubServer(request -> Reply.status(500));
        repo = FakeRepo.standard(cdn.uri());
        hub.handler(repo);
        cdn.handler(repo);
    }

    @AfterEach
    void stop() throws IOException {
        hub.close();
        cdn.close();
    }

    private HubClient client() {
        return new HubClient(HubOptions.of(hub.uri(), cache).withToken("hf_secret"), DownloadListener.none());
    }

    @Test
    void lfsFileComesFromTheCdnOnAnotherOriginWithoutTheToken() throws IOException {
        Path weights = client().file(REPO, "main", "model.safetensors");

        assertThat(Files.readAllBytes(weights))
                .isEqualTo(repo.entry("model.safetensors").content());
        assertThat(hub.requests())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.header("Authorization")).contains("Bearer hf_secret"));
        assertThat(hub.count("GET", "/lfs/")).isZero();
        assertThat(cdn.requests()).hasSize(1);
        assertThat(cdn.requests().get(0).rawPath()).endsWith("?signature=secret");
        assertThat(cdn.requests().get(0).header("Authorization")).isEmpty();
    }

    @Test
    void relativeRedirectOfARenamedRepositoryKeepsTheToken() {
        hub.handler(request -> request.rawPath().startsWith("/acme/old-name/")
                ? Reply.status(307).header("Location", request.rawPath().replace("/acme/old-name/", "/" + REPO + "/"))
                : repo.handle(request));

        Path config = client().file("acme/old-name", "main", "config.json");

        assertThat(config).hasContent("{\"model_type\": \"bert\"}");
        assertThat(config.toString()).contains("models--acme--old-name");
        assertThat(hub.requests())
                .extracting(r -> r.method() + " " + r.rawPath())
                .containsExactly(
                        "HEAD /acme/old-name/resolve/main/config.json",
                        "HEAD /acme/tiny-reranker/resolve/main/config.json",
                        "GET /acme/tiny-reranker/resolve/main/config.json");
        assertThat(hub.requests())
                .allSatisfy(r -> assertThat(r.header("Authorization")).contains("Bearer hf_secret"));
    }

    @Test
    void absoluteRedirectOnTheSameOriginIsFollowedWithTheToken() {
        hub.handler(request -> request.rawPath().startsWith("/" + REPO + "/resolve/")
                ? Reply.status(307).header("Location", hub.uri() + "/cache" + request.rawPath())
                : repo.handle(new FakeHubServer.Request(
                        request.method(), request.rawPath().replaceFirst("^/cache", ""), request.headers())));

        assertThat(client().file(REPO, "main", "config.json")).hasContent("{\"model_type\": \"bert\"}");

        assertThat(hub.requests())
                .extracting(r -> r.method() + " " + r.rawPath())
                .containsExactly(
                        "HEAD /acme/tiny-reranker/resolve/main/config.json",
                        "HEAD /cache/acme/tiny-reranker/resolve/main/config.json",
                        "GET /cache/acme/tiny-reranker/resolve/main/config.json");
        assertThat(hub.requests())
                .allSatisfy(r -> assertThat(r.header("Authorization")).contains("Bearer hf_secret"));
    }

    @Test
    void redirectChainFromTheCdnBackToTheHubGetsTheTokenOnlyOnTheHub() {
        cdn.handler(request -> request.rawPath().startsWith("/lfs/")
                ? Reply.status(302).header("Location", hub.uri() + "/mirror" + request.rawPath())
                : Reply.status(404));
        hub.handler(request -> request.rawPath().startsWith("/mirror/")
                ? repo.handle(new FakeHubServer.Request(
                        request.method(), request.rawPath().substring("/mirror".length()), request.headers()))
                : repo.handle(request));

        assertThat(client().file(REPO, "main", "model.safetensors")).exists();

        assertThat(cdn.requests())
                .singleElement()
                .satisfies(r -> assertThat(r.header("Authorization")).isEmpty());
        assertThat(hub.count("GET", "/mirror/lfs/")).isEqualTo(1);
    }

    @Test
    void cdnRefusalIsNotMistakenForAMissingFile() throws IOException {
        cdn.handler(request -> Reply.status(403));

        assertThatThrownBy(() -> client().file(REPO, "main", "model.safetensors"))
                .isInstanceOfSatisfying(HubException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HubException.Kind.HTTP_ERROR);
                    assertThat(e.getMessage())
                            .contains("download server", "403")
                            .doesNotContain("signature");
                });
        assertThat(HubClientErrorTest.allFiles(cache.resolve("models--acme--tiny-reranker/blobs")))
                .isEmpty();
    }
}
