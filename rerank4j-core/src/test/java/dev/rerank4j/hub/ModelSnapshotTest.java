package dev.rerank4j.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rerank4j.hub.HubException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSnapshotTest {
    private static final String REPO = "acme/st-model";

    @TempDir
    Path cache;

    private FakeHubServer hub;
    private FakeRepo repo;

    @BeforeEach
    void start() throws IOException {
        hub = new FakeHubServer(request -> FakeHubServer.Reply.status(500));
        repo = new FakeRepo(REPO, hub.otherOrigin());
        hub.handler(repo);
    }

    @AfterEach
    void stop() throws IOException {
        hub.close();
    }

    private HubClient client() {
        return new HubClient(HubOptions.of(hub.uri(), cache), DownloadListener.none());
    }

    @Test
    void downloadsWhatASentenceTransformersModelNeedsAndNothingElse() throws IOException {
        repo.add(".gitattributes", "*.bin filter=lfs", false)
                .add("README.md", "# model", false)
                .add("config.json", "{}", false)
                .add("config_sentence_transformers.json", "{}", false)
                .add(
                        "modules.json",
                        "[{\"idx\": 0, \"name\": \"0\", \"path\": \"\", \"type\": \"t\"},"
                                + " {\"idx\": 1, \"name\": \"1\", \"path\": \"1_Pooling\", \"type\": \"p\"},"
                                + " {\"idx\": 2, \"name\": \"2\", \"path\": \"2_Dense\", \"type\": \"d\"}]",
                        false)
                .add("sentence_bert_config.json", "{}", false)
                .add("special_tokens_map.json", "{}", false)
                .add("tokenizer.json", "{}", false)
                .add("tokenizer_config.json", "{}", false)
                .add("vocab.txt", "[PAD]", false)
                .add("sentencepiece.bpe.model", "spm", true)
                .add("model.safetensors", "weights", true)
                .add("pytorch_model.bin", "pickle", true)
                .add("tf_model.h5", "h5", true)
                .add("flax_model.msgpack", "flax", true)
                .add("rust_model.ot", "rust", true)
                .add("onnx/model.onnx", "onnx", true)
                .add("onnx/config.json", "{}", false)
                .add("openvino/openvino_model.xml", "<xml/>", false)
                .add("1_Pooling/config.json", "{}", false)
                .add("2_Dense/config.json", "{}", false)
                .add("2_Dense/model.safetensors", "dense", true)
                .add("2_Dense/pytorch_model.bin", "dense pickle", true)
                .add("train_script.py", "print()", false);

        Path folder = client().modelSnapshot(REPO, "main");

        assertThat(folder).isEqualTo(cache.resolve("models--acme--st-model/snapshots/" + FakeRepo.COMMIT));
        assertThat(relativeFiles(folder))
                .containsExactlyInAnyOrder(
                        "README.md",
                        "config.json",
                        "config_sentence_transformers.json",
                        "modules.json",
                        "sentence_bert_config.json",
                        "special_tokens_map.json",
                        "tokenizer.json",
                        "tokenizer_config.json",
                        "vocab.txt",
                        "sentencepiece.bpe.model",
                        "model.safetensors",
                        "1_Pooling/config.json",
                        "2_Dense/config.json",
                        "2_Dense/model.safetensors");
        assertThat(hub.requests())
                .noneMatch(r -> r.rawPath().contains(".bin") || r.rawPath().contains("onnx"));
    }

    @Test
    void shardedWeightsFollowTheIndexAndStaticEmbeddingsComeWhole() throws IOException {
        repo.add("config.json", "{}", false)
                .add(
                        "model.safetensors.index.json",
                        "{\"metadata\": {}, \"weight_map\": {"
                                + "\"a.weight\": \"model-00001-of-00002.safetensors\","
                                + " \"b.weight\": \"model-00002-of-00002.safetensors\","
                                + " \"c.weight\": \"model-00002-of-00002.safetensors\"}}",
                        false)
                .add("model-00001-of-00002.safetensors", "one", true)
                .add("model-00002-of-00002.safetensors", "two", true)
                .add("model-00003-of-00003.safetensors", "stale shard", true)
                .add("pytorch_model-00001-of-00002.bin", "pickle", true)
                .add("spiece.model", "spm", true)
                .add("0_StaticEmbedding/model.safetensors", "static", true)
                .add("0_StaticEmbedding/tokenizer.json", "{}", false);

        Path folder = client().modelSnapshot(REPO, "main");

        assertThat(relativeFiles(folder))
                .containsExactlyInAnyOrder(
                        "config.json",
                        "model.safetensors.index.json",
                        "model-00001-of-00002.safetensors",
                        "model-00002-of-00002.safetensors",
                        "spiece.model",
                        "0_StaticEmbedding/model.safetensors",
                        "0_StaticEmbedding/tokenizer.json");
    }

    @Test
    void repositoryWithoutSafetensorsYieldsAFolderWithoutWeights() throws IOException {
        repo.add("config.json", "{}", false).add("pytorch_model.bin", "pickle", true);

        Path folder = client().modelSnapshot(REPO, "main");

        assertThat(relativeFiles(folder)).containsExactly("config.json");
    }

    @Test
    void snapshotPatternsMatchLikeFnmatch() throws IOException {
        FakeRepo.standard(hub.otherOrigin()).files.forEach(repo.files::put);

        Path json = client().snapshot(REPO, "main", List.of("*.json"));
        assertThat(relativeFiles(json))
                .containsExactlyInAnyOrder("config.json", "tokenizer.json", "1_Pooling/config.json");

        Path folder = client().snapshot(REPO, "main", List.of("1_Pooling/", "model.safe*"));
        assertThat(relativeFiles(folder)).contains("model.safetensors", "1_Pooling/config.json");

        HubException e =
                catchThrowableOfType(HubException.class, () -> client().snapshot(REPO, "main", List.of("*.gguf")));
        assertThat(e.kind()).isEqualTo(Kind.ENTRY_NOT_FOUND);
        assertThat(e.getMessage()).contains("*.gguf", "config.json");
    }

    @Test
    void selectionRulesOnNamesAlone() {
        List<String> files = List.of(
                "config.json",
                "merges.txt",
                "vocab.json",
                "tokenizer.model",
                "pytorch_model.bin",
                "model.safetensors",
                "3_Dense/config.json",
                "3_Dense/model.safetensors",
                "docs/notes.md",
                "coreml/model.mlmodel",
                "2_Normalize/x.json",
                "openvino/config.json");

        assertThat(ModelFiles.select(files, List.of(), Set.of()))
                .containsExactly(
                        "config.json",
                        "merges.txt",
                        "vocab.json",
                        "tokenizer.model",
                        "model.safetensors",
                        "3_Dense/config.json",
                        "2_Normalize/x.json");
        assertThat(ModelFiles.select(files, List.of("3_Dense"), Set.of())).contains("3_Dense/model.safetensors");
        assertThat(ModelFiles.configs(files)).containsExactly("config.json", "vocab.json");
    }

    static List<String> relativeFiles(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(path -> !Files.isDirectory(path))
                    .map(path -> folder.relativize(path).toString())
                    .toList();
        }
    }
}
