package dev.rerank4j.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.cli.Main;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rerank4j push} and {@code rerank4j eval --nanobeir} as a user runs them: a separate process whose
 * environment ({@code HF_ENDPOINT}, {@code HF_TOKEN}, {@code HF_HOME}) points at a loopback hub that accepts uploads
 * and serves a tiny NanoBEIR.
 */
class CliHubTest {
    private static final String TOKEN = "hf_cliSecretToken42";
    private static final String REPO = "acme/cli-reranker";

    @TempDir
    Path tmp;

    private FakeHubServer server;
    private FakeUploadHub uploads;
    private Path model;

    /** A finished command: exit code and everything it printed. */
    private record Run(int code, String output) {}

    @BeforeEach
    void start() throws Exception {
        server = new FakeHubServer(request -> FakeHubServer.Reply.status(500));
        FakeRepo nano = NanoBeirFixture.nanoBeirEn(server.otherOrigin(), Files.createDirectories(tmp.resolve("pq")));
        uploads = new FakeUploadHub(TOKEN, server.uri(), server.otherOrigin());
        server.handler(r -> r.rawPath().startsWith("/api/datasets/")
                        || r.rawPath().startsWith("/datasets/")
                        || r.rawPath().startsWith("/lfs/")
                ? nano.handle(r)
                : uploads.handle(r));
        model = TinyModels.reranker(tmp.resolve("tiny"), Architecture.BERT);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-Dorg.slf4j.simpleLogger.log.ai.djl=error",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(tmp, "run", ".log");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(tmp.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("HF_") || k.startsWith("HUGGING"));
        pb.environment().put("HF_ENDPOINT", server.uri().toString());
        pb.environment().put("HF_HOME", tmp.resolve("hf-home").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("no exit within 240 s:\n" + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log));
    }

    @Test
    void pushUploadsTheFolderAndPrintsTheCommit() throws Exception {
        Run r = run(
                Map.of("HF_TOKEN", TOKEN),
                "push",
                "--model",
                model.toString(),
                "--repo",
                REPO,
                "--private",
                "--commit-message",
                "Tiny model",
                "--no-progress");
        assertThat(r.code()).as(r.output()).isZero();
        String head = uploads.heads.get(REPO);
        assertThat(r.output())
                .contains("pushed 4 file(s) of " + model + " to " + REPO + " (1 uploaded to LFS storage, 0 unchanged): "
                        + server.uri() + "/" + REPO + "/commit/" + head)
                .doesNotContain(TOKEN);
        assertThat(uploads.problems).isEmpty();
        assertThat(uploads.visibility).containsEntry(REPO, "private");
        assertThat(uploads.commits)
                .singleElement()
                .satisfies(c -> assertThat(c.summary()).isEqualTo("Tiny model"));
        assertThat(uploads.repos.get(REPO).get("model.safetensors").content())
                .isEqualTo(Files.readAllBytes(model.resolve("model.safetensors")));

        Run again = run(Map.of(), "push", "-m", model.toString(), "--repo", REPO, "--token", TOKEN);
        assertThat(again.code()).as(again.output()).isZero();
        assertThat(again.output()).contains(REPO + " already holds every file of " + model + " as it is (4 files)");
        assertThat(uploads.commits).hasSize(1);
    }

    @Test
    void pushFailuresExitWithClearMessages() throws Exception {
        Run refused = run(Map.of("HF_TOKEN", "hf_wrongToken"), "push", "-m", model.toString(), "--repo", REPO);
        assertThat(refused.code()).as(refused.output()).isEqualTo(Main.BAD_INPUT);
        assertThat(refused.output())
                .contains("rerank4j push: the hub refused the token for creating " + REPO + " (HTTP 401)")
                .doesNotContain("hf_wrongToken");

        Run missing =
                run(Map.of("HF_TOKEN", TOKEN), "push", "-m", tmp.resolve("nope").toString(), "--repo", REPO);
        assertThat(missing.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(missing.output()).contains("the folder to upload " + tmp.resolve("nope") + " does not exist");

        server.bodyCut(req -> req.method().equals("PUT") ? 1000 : -1);
        Run dropped = run(Map.of("HF_TOKEN", TOKEN), "push", "-m", model.toString(), "--repo", REPO);
        assertThat(dropped.code()).as(dropped.output()).isEqualTo(Main.FAILURE);
        assertThat(dropped.output())
                .contains("during the upload of model.safetensors")
                .contains("(failed 3 times)");
        assertThat(uploads.commits).isEmpty();
    }

    @Test
    void evalNanoBeirReportsPerDatasetAndMeanKeys() throws Exception {
        Path report = tmp.resolve("report.json");
        Run r = run(Map.of(), "eval", "-m", model.toString(), "--nanobeir", "msmarco,nq", "-o", report.toString());
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).contains("primary: NanoBEIR_R100_mean_ndcg@10");
        JsonNode metrics = new ObjectMapper()
                .readTree(report.toFile())
                .path("results")
                .get(0)
                .path("metrics");
        assertThat(metrics.has("NanoMSMARCO_R100_ndcg@10")).isTrue();
        assertThat(metrics.has("NanoNQ_R100_mrr@10")).isTrue();
        // the BM25 figures do not depend on the model: hand-computed in NanoBeirEvaluatorHubTest
        assertThat(metrics.path("NanoBEIR_R100_mean_base_map").asDouble()).isCloseTo(0.375, within(1e-9));

        Run unknown = run(Map.of(), "eval", "-m", model.toString(), "--nanobeir", "msmarco", "wikiqa");
        assertThat(unknown.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(unknown.output()).contains("unknown NanoBEIR dataset wikiqa; valid names: climatefever, dbpedia");

        // no names: the 11 defaults, which the hub here lacks (it holds NanoMSMARCO and NanoNQ only)
        Run defaults = run(Map.of(), "eval", "-m", model.toString(), "--nanobeir");
        assertThat(defaults.code()).as(defaults.output()).isEqualTo(Main.BAD_INPUT);
        assertThat(defaults.output())
                .contains("config 'corpus' has no split 'NanoClimateFEVER' (splits: NanoMSMARCO," + " NanoNQ)");

        Run offline = run(
                Map.of(
                        "HF_HUB_OFFLINE",
                        "1",
                        "HF_HOME",
                        tmp.resolve("empty-home").toString()),
                "eval",
                "-m",
                model.toString(),
                "--nanobeir",
                "nq");
        assertThat(offline.code()).as(offline.output()).isEqualTo(Main.BAD_INPUT);
        assertThat(offline.output())
                .contains("sentence-transformers/NanoBEIR-en")
                .contains("HF_HUB_OFFLINE");
    }
}
