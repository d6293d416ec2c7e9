package dev.rerank4j.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.testing.TinyModels;
import dev.rerank4j.train.TrainingResult;
import dev.rerank4j.train.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training config with a {@code nanobeir} evaluator and {@code push_to_hub}, run against one loopback hub that
 * serves the NanoBEIR dataset and accepts the upload: the evaluator's metrics are logged at every evaluation and the
 * final model lands in the repository, byte for byte.
 */
class TrainPushToHubTest {
    private static final String TOKEN = "hf_trainPushToken";

    @TempDir
    Path tmp;

    private FakeHubServer server;
    private FakeUploadHub uploads;

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
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private Path config(String extra) throws IOException {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String topic = List.of("cat", "dog", "paris", "berlin").get(i % 4);
            rows.add("what is " + topic + "\t" + (i % 2 == 0 ? topic + " is good" : "the mat is bad") + "\t"
                    + (i % 2 == 0 ? 1 : 0));
        }
        Path train = Files.write(tmp.resolve("train.tsv"), rows);
        return Files.writeString(tmp.resolve("train.yaml"), """
                model: unused
                train_dataset: {path: %s, column_names: [query, document, label]}
                evaluator: {type: nanobeir, datasets: [msmarco, nq]}
                output_dir: %s
                per_device_train_batch_size: 8
                learning_rate: 3.0e-3
                max_steps: 2
                eval_strategy: steps
                eval_steps: 2
                save_strategy: "no"
                disable_tqdm: true
                """.formatted(train, tmp.resolve("out")) + extra);
    }

    @Test
    void theTrainedModelIsEvaluatedOnNanoBeirAndPushed() throws Exception {
        TrainConfig c = TrainConfig.load(
                config("push_to_hub: true\nhub_model_id: acme/tiny-trained\nhub_private_repo: true\n"), Map.of());
        HubClient hub = new HubClient(
                HubOptions.of(server.uri(), tmp.resolve("cache"))
                        .withToken(TOKEN)
                        .withRetries(1, Duration.ofMillis(1)),
                DownloadListener.none());
        Path modelDir = TinyModels.write(tmp.resolve("m"), Architecture.BERT, TinyModels.Checkpoint.BASE_MODEL, 1, 3);
        try (CrossEncoder model = CrossEncoder.load(modelDir)) {
            TrainingResult r = c.trainer(model, hub).build().train();
            List<Map<String, Object>> evals = r.logHistory().stream()
                    .filter(e -> e.containsKey("eval_NanoBEIR_R100_mean_ndcg@10"))
                    .toList();
            assertThat(evals).hasSize(2); // the baseline, then step 2
            assertThat(evals.get(1)).containsKeys("eval_NanoMSMARCO_R100_ndcg@10", "eval_NanoNQ_R100_base_map");

            assertThat(uploads.problems).isEmpty();
            assertThat(uploads.visibility).containsEntry("acme/tiny-trained", "private");
            assertThat(uploads.commits)
                    .singleElement()
                    .satisfies(commit -> assertThat(commit.summary()).isEqualTo("Add new CrossEncoder model"));
            Map<String, FakeUploadHub.Stored> pushed = uploads.repos.get("acme/tiny-trained");
            assertThat(pushed).containsKeys("config.json", "model.safetensors", "tokenizer.json", "README.md");
            assertThat(pushed.get("model.safetensors").lfs()).isTrue();
            assertThat(pushed.get("model.safetensors").content())
                    .isEqualTo(Files.readAllBytes(r.finalModel().resolve("model.safetensors")));
            try (var files = Files.list(r.finalModel())) {
                assertThat(pushed).hasSize((int) files.count());
            }
        }
    }

    @Test
    void pushToHubWithoutARepositoryIsABadConfig() throws Exception {
        Path f = config("push_to_hub: true\n");
        assertThatThrownBy(() -> TrainConfig.load(f, Map.of()))
                .hasMessage(f + ": push_to_hub needs hub_model_id: the repository to push the trained model to, e.g."
                        + " hub_model_id: my-org/my-reranker");
        Path bad = config("hub_model_id: not/a/repo\n");
        assertThatThrownBy(() -> TrainConfig.load(bad, Map.of()))
                .hasMessageContaining("hub_model_id: repoId must look" + " like 'org/name'");
        Path nano = Files.writeString(
                tmp.resolve("nano.yaml"),
                Files.readString(config("")).replace("datasets: [msmarco, nq]", "datasets: [msmarco, wikiqa]"));
        assertThatThrownBy(() -> TrainConfig.load(nano, Map.of()))
                .hasMessageContaining("dev: unknown NanoBEIR dataset wikiqa; valid names: climatefever");
    }
}
