package dev.rerank4j.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.TextPair;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cross-encoder loaded by hub id from a fake hub on 127.0.0.1, then from the cache with the network off. */
class ModelLocatorTest {
    static final List<TextPair> PAIRS = List.of(
            new TextPair("who is a good dog", "the dog is a good dog"),
            new TextPair("where is paris", "paris is the capital of france"));

    @TempDir
    Path tmp;

    private FakeHubServer hub;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        hub = new FakeHubServer(request -> FakeHubServer.Reply.status(500));
    }

    @AfterEach
    void stop() throws IOException {
        hub.close();
    }

    private Path publish(Path modelDir, String repoId) throws IOException {
        FakeRepo repo = new FakeRepo(repoId, hub.otherOrigin());
        try (var files = Files.list(modelDir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                repo.files.put(name, new FakeRepo.Entry(Files.readAllBytes(f), name.endsWith(".safetensors")));
            }
        }
        hub.handler(request -> {
            requests.incrementAndGet();
            return repo.handle(request);
        });
        return modelDir;
    }

    private ModelLocator locator(NetworkMode mode) {
        return new ModelLocator(
                HubOptions.of(hub.uri(), tmp.resolve("hf-cache")).withNetworkMode(mode),
                DownloadListener.none(),
                tmp.resolve("rerank4j-home"));
    }

    @Test
    void aHubIdDownloadsAModelThatScoresLikeTheOriginal() throws IOException {
        Path original = publish(TinyModels.reranker(tmp.resolve("original"), Architecture.ELECTRA), "acme/tiny");
        float[] expected;
        try (CrossEncoder m = CrossEncoder.load(original)) {
            expected = m.predict(PAIRS);
        }
        Path dir = locator(NetworkMode.ONLINE).locate("acme/tiny", "main");
        assertThat(dir.toString()).contains("models--acme--tiny").contains("snapshots");
        try (CrossEncoder m = CrossEncoder.load(dir)) {
            assertThat(m.predict(PAIRS)).containsExactly(expected);
        }
        assertThat(requests.get()).isPositive();

        int before = requests.get();
        Path cached = locator(NetworkMode.OFFLINE).locate("acme/tiny", "main");
        assertThat(cached).isEqualTo(dir);
        assertThat(requests.get()).isEqualTo(before);
        try (CrossEncoder m = CrossEncoder.load(cached, CrossEncoderOptions.defaults())) {
            assertThat(m.predict(PAIRS)).containsExactly(expected);
        }
    }

    @Test
    void anUnknownIdFailsWithTheHubsAnswer() throws IOException {
        publish(TinyModels.reranker(tmp.resolve("original"), Architecture.BERT), "acme/tiny");
        assertThatThrownBy(() -> locator(NetworkMode.ONLINE).locate("acme/other", "main"))
                .isInstanceOf(HubException.class)
                .satisfies(e -> assertThat(((HubException) e).kind()).isEqualTo(HubException.Kind.REPO_NOT_FOUND));
    }

    @Test
    void directoriesAreUsedAsTheyAreAndBadPathsAreNamed() throws IOException {
        Path dir = TinyModels.reranker(tmp.resolve("local"), Architecture.BERT);
        assertThat(locator(NetworkMode.OFFLINE).locate(dir.toString(), "main")).isEqualTo(dir);
        assertThatThrownBy(() -> locator(NetworkMode.OFFLINE)
                        .locate(tmp.resolve("missing").toString(), "main"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no local directory " + tmp.resolve("missing") + ", and it cannot be a hub id");
        assertThatThrownBy(() -> locator(NetworkMode.OFFLINE).locate("just-a-name", "main"))
                .hasMessageContaining("org/name");
        assertThat(requests.get()).isZero();
    }

    @Test
    void theBundledMiniLmNeedsNoNetwork() {
        Path dir = locator(NetworkMode.ONLINE).locate(BundledMiniLm.MODEL_ID, "main");
        assertThat(dir).startsWith(tmp.resolve("rerank4j-home"));
        assertThat(dir.resolve("model.safetensors")).exists();
        assertThat(requests.get()).isZero();
    }
}
