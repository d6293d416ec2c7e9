package dev.rerank4j.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rerank4j.ProgressListener;
import dev.rerank4j.hub.FakeHubServer.Request;
import dev.rerank4j.hub.HubException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads to a loopback hub that follows huggingface.co's upload protocol (preupload, LFS batch, PUT, commit). */
class HubUploaderTest {
    private static final String TOKEN = "hf_writeTokenForTests";
    private static final String REPO = "acme/my-reranker";

    @TempDir
    Path model;

    @TempDir
    Path cache;

    private FakeHubServer server;
    private FakeUploadHub hub;
    private byte[] weights;

    @BeforeEach
    void start() throws IOException {
        server = new FakeHubServer(request -> FakeHubServer.Reply.status(500));
        hub = new FakeUploadHub(TOKEN, server.uri(), server.otherOrigin());
        server.handler(hub);
        Files.writeString(model.resolve("config.json"), "{\"model_type\": \"bert\"}");
        Files.writeString(model.resolve("README.md"), "# my reranker\n");
        Files.createDirectories(model.resolve("1_Pooling"));
        Files.writeString(model.resolve("1_Pooling/config.json"), "{\"pooling_mode_cls_token\": true}");
        Files.createDirectories(model.resolve(".git"));
        Files.writeString(model.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        weights = new byte[300_000];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (byte) (i * 31 + 7);
        }
        Files.write(model.resolve("model.safetensors"), weights);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private HubOptions options(String token) {
        return HubOptions.of(server.uri(), cache).withToken(token).withRetries(2, Duration.ofMillis(1));
    }

    /** Records the bytes each task was told about. */
    private static final class Recorder implements ProgressListener {
        final Map<String, AtomicLong> steps = new ConcurrentHashMap<>();
        final Map<String, Long> totals = new ConcurrentHashMap<>();

        @Override
        public Task start(String name, long total, String unit) {
            totals.put(name, total);
            AtomicLong sum = steps.computeIfAbsent(name, n -> new AtomicLong());
            sum.set(0);
            return new Task() {
                @Override
                public void step(long units) {
                    sum.addAndGet(units);
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public boolean interactive() {
            return false;
        }
    }

    @Test
    void uploadsAFolderAsHuggingfaceHubDoes() {
        Recorder progress = new Recorder();
        UploadResult result = new HubUploader(options(TOKEN), progress)
                .upload(UploadRequest.of(model, REPO)
                        .withVisibility(Visibility.PRIVATE)
                        .withCommitMessage("First"));

        assertThat(hub.problems).isEmpty();
        assertThat(server.requests())
                .extracting(r -> r.method() + " " + r.rawPath().replaceAll("\\?.*", ""))
                .containsExactly(
                        "POST /api/repos/create",
                        "POST /api/models/acme/my-reranker/preupload/main",
                        "POST /acme/my-reranker.git/info/lfs/objects/batch",
                        "PUT /upload/" + FakeUploadHub.sha256(weights),
                        "POST /acme/my-reranker.git/info/lfs/objects/verify",
                        "POST /api/models/acme/my-reranker/commit/main");
        Request create = server.requests().get(0);
        assertThat(create.text())
                .isEqualTo("{\"name\":\"my-reranker\",\"organization\":\"acme\",\"visibility\":\"private\"}");
        assertThat(hub.visibility).containsEntry(REPO, "private");
        // the token goes to the hub, never to the storage on the other origin
        assertThat(server.requests())
                .filteredOn(r -> !r.method().equals("PUT"))
                .allSatisfy(r -> assertThat(r.header("Authorization")).contains("Bearer " + TOKEN));
        assertThat(server.requests().get(3).header("Authorization")).isEmpty();
        assertThat(server.requests().get(3).header("Content-Length")).contains("300000");

        Map<String, FakeUploadHub.Stored> stored = hub.repos.get(REPO);
        assertThat(stored.keySet())
                .containsExactlyInAnyOrder("1_Pooling/config.json", "README.md", "config.json", "model.safetensors");
        assertThat(stored.get("model.safetensors").content()).isEqualTo(weights);
        assertThat(stored.get("model.safetensors").lfs()).isTrue();
        assertThat(new String(stored.get("config.json").content(), StandardCharsets.UTF_8))
                .isEqualTo("{\"model_type\": \"bert\"}");
        assertThat(hub.commits).hasSize(1);
        assertThat(hub.commits.get(0).summary()).isEqualTo("First");
        assertThat(hub.commits.get(0).regularPaths())
                .containsExactly("1_Pooling/config.json", "README.md", "config.json");
        assertThat(hub.commits.get(0).lfsPaths()).containsExactly("model.safetensors");

        assertThat(result.commitOid()).isEqualTo(hub.heads.get(REPO));
        assertThat(result.commitUrl()).isEqualTo(server.uri() + "/" + REPO + "/commit/" + result.commitOid());
        assertThat(result.lfsUploaded()).containsExactly("model.safetensors");
        assertThat(result.unchanged()).isEmpty();
        assertThat(progress.totals).containsEntry("Uploading model.safetensors", 300_000L);
        assertThat(progress.steps.get("Uploading model.safetensors")).hasValue(300_000L);
    }

    @Test
    void pushingAgainSkipsWhatTheHubHoldsAndCommitsOnlyChanges() throws IOException {
        HubUploader uploader = new HubUploader(options(TOKEN), ProgressListener.NONE);
        uploader.upload(UploadRequest.of(model, REPO));
        int before = server.requests().size();

        UploadResult same = uploader.upload(UploadRequest.of(model, REPO));
        assertThat(same.changed()).isFalse();
        assertThat(same.unchanged()).hasSize(4);
        assertThat(same.commitOid()).isEqualTo(hub.heads.get(REPO));
        assertThat(hub.commits).hasSize(1);
        assertThat(server.requests().subList(before, server.requests().size()))
                .extracting(r -> r.method() + " " + r.rawPath())
                .containsExactly(
                        "POST /api/repos/create", // 409: exists
                        "POST /api/models/acme/my-reranker/preupload/main",
                        "GET /api/models/acme/my-reranker");

        Files.writeString(model.resolve("config.json"), "{\"model_type\": \"bert\", \"num_labels\": 1}");
        UploadResult changed = uploader.upload(UploadRequest.of(model, REPO));
        assertThat(changed.committed()).containsExactly("config.json");
        assertThat(changed.lfsUploaded()).isEmpty();
        assertThat(hub.commits).hasSize(2);
        assertThat(hub.problems).isEmpty();
    }

    @Test
    void aRefusedTokenFailsClearlyWithoutPrintingIt() {
        HubUploader uploader = new HubUploader(options("hf_revokedToken123"), ProgressListener.NONE);
        assertThatThrownBy(() -> uploader.upload(UploadRequest.of(model, REPO)))
                .isInstanceOfSatisfying(HubException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
                    assertThat(e.statusCode()).hasValue(401);
                    assertThat(e.isUserError()).isTrue();
                })
                .hasMessageContaining("the hub refused the token for creating acme/my-reranker (HTTP 401)")
                .hasMessageContaining("set HF_TOKEN (or --token) to an access token with write access")
                .hasMessageNotContaining("hf_revokedToken123");
        assertThat(hub.commits).isEmpty();
        assertThat(hub.repos).isEmpty();
    }

    @Test
    void aMissingTokenOrFolderFailsBeforeAnyRequest() {
        assertThatThrownBy(
                        () -> new HubUploader(options(""), ProgressListener.NONE).upload(UploadRequest.of(model, REPO)))
                .isInstanceOfSatisfying(
                        HubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED))
                .hasMessageContaining("needs an access token with write access and none is set: set HF_TOKEN");
        Path missing = model.resolve("final");
        assertThatThrownBy(() ->
                        new HubUploader(options(TOKEN), ProgressListener.NONE).upload(UploadRequest.of(missing, REPO)))
                .isInstanceOfSatisfying(
                        HubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_UPLOAD))
                .hasMessageContaining("the folder to upload " + missing + " does not exist");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aDroppedUploadIsRetried() {
        AtomicInteger puts = new AtomicInteger();
        server.bodyCut(r -> r.method().equals("PUT") && puts.incrementAndGet() == 1 ? 100_000 : -1);
        UploadResult result =
                new HubUploader(options(TOKEN), ProgressListener.NONE).upload(UploadRequest.of(model, REPO));
        assertThat(puts).hasValue(2);
        assertThat(result.lfsUploaded()).containsExactly("model.safetensors");
        assertThat(hub.repos.get(REPO).get("model.safetensors").content()).isEqualTo(weights);
        assertThat(hub.problems).isEmpty();
    }

    @Test
    void anUploadThatKeepsDroppingFailsClearlyAndCommitsNothing() {
        server.bodyCut(r -> r.method().equals("PUT") ? 100_000 : -1);
        assertThatThrownBy(() ->
                        new HubUploader(options(TOKEN), ProgressListener.NONE).upload(UploadRequest.of(model, REPO)))
                .isInstanceOfSatisfying(
                        HubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONNECTION))
                .hasMessageContaining("during the upload of model.safetensors")
                .hasMessageContaining("(failed 3 times); nothing was committed to acme/my-reranker");
        assertThat(server.count("PUT", "/upload/")).isEqualTo(3);
        assertThat(server.count("POST", "/commit/")).isZero();
        assertThat(hub.commits).isEmpty();
        assertThat(hub.repos.get(REPO)).isEmpty();
    }

    @Test
    void aReadOnlyTokenIsToldItCannotWrite() {
        new HubUploader(options(TOKEN), ProgressListener.NONE).upload(UploadRequest.of(model, REPO));
        int before = server.requests().size();
        hub.readOnlyToken("hf_readOnly");
        assertThatThrownBy(() -> new HubUploader(options("hf_readOnly"), ProgressListener.NONE)
                        .upload(UploadRequest.of(model, REPO)))
                .isInstanceOfSatisfying(HubException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
                    assertThat(e.statusCode()).hasValue(403);
                })
                .hasMessageContaining("the token may not write to acme/my-reranker (HTTP 403)")
                .hasMessageContaining("use a token with write access to acme");
        // as huggingface_hub: a 403 on create is followed by a look at the repository, which exists
        assertThat(server.requests().subList(before, server.requests().size()))
                .extracting(r -> r.method() + " " + r.rawPath())
                .containsExactly(
                        "POST /api/repos/create",
                        "GET /api/models/acme/my-reranker",
                        "POST /api/models/acme/my-reranker/preupload/main");
        assertThat(hub.commits).hasSize(1);
    }

    @Test
    void anUnknownBranchIsNamed() {
        assertThatThrownBy(() -> new HubUploader(options(TOKEN), ProgressListener.NONE)
                        .upload(UploadRequest.of(model, REPO).withRevision("dev")))
                .isInstanceOfSatisfying(
                        HubException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REVISION_NOT_FOUND))
                .hasMessageContaining("branch 'dev' does not exist in acme/my-reranker");
    }

    @Test
    void requestsAreCheckedWhereTheyAreMade() {
        assertThatThrownBy(() -> UploadRequest.of(model, "not a repo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repoId must look like 'org/name'");
        assertThatThrownBy(() -> UploadRequest.of(model, REPO).withCommitMessage(" "))
                .hasMessageContaining("commitMessage must not be blank");
        assertThat(List.of(Visibility.values()))
                .containsExactly(Visibility.DEFAULT, Visibility.PUBLIC, Visibility.PRIVATE);
    }
}
