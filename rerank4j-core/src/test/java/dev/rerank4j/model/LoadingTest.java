package dev.rerank4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.Activation;
import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.ModelFormatException;
import dev.rerank4j.TextPair;
import dev.rerank4j.Truncation;
import dev.rerank4j.io.DType;
import dev.rerank4j.io.ModelWeights;
import dev.rerank4j.io.Safetensors;
import dev.rerank4j.io.Tensor;
import dev.rerank4j.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading rules: weight formats, sharding, maximum length, activation, and the messages of unusable directories. */
class LoadingTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<TextPair> PAIRS = CrossEncoderTest.PAIRS;

    @TempDir
    Path tmp;

    private float[] scores(Path dir) {
        try (CrossEncoder m = CrossEncoder.load(dir)) {
            return m.predict(PAIRS);
        }
    }

    @Test
    void bf16AndF16CheckpointsLoadAsTheirFloat32Values() throws IOException {
        Path dir = TinyModels.reranker(tmp.resolve("m"), Architecture.BERT);
        List<Tensor> original = new ArrayList<>(ModelWeights.load(dir).values());
        for (DType half : List.of(DType.BF16, DType.F16)) {
            Path halfDir = copy(dir, tmp.resolve("half-" + half));
            Safetensors.write(halfDir.resolve("model.safetensors"), original, half);
            // The same rounded values stored as F32 must give bitwise the same scores.
            Path rounded = copy(dir, tmp.resolve("rounded-" + half));
            Safetensors.write(
                    rounded.resolve("model.safetensors"),
                    new ArrayList<>(ModelWeights.load(halfDir).values()),
                    DType.F32);
            float[] halfScores = scores(halfDir);
            assertThat(halfScores).containsExactly(scores(rounded));
            assertThat(halfScores).isNotEqualTo(scores(dir)); // the rounding is real
        }
    }

    @Test
    void shardedCheckpointsGiveTheSameScores() throws IOException {
        Path dir = TinyModels.reranker(tmp.resolve("m"), Architecture.ROBERTA);
        Map<String, Tensor> weights = ModelWeights.load(dir);
        Path sharded = copy(dir, tmp.resolve("sharded"));
        Files.delete(sharded.resolve("model.safetensors"));
        List<Tensor> a = new ArrayList<>();
        List<Tensor> b = new ArrayList<>();
        ObjectNode index = JSON.createObjectNode();
        index.putObject("metadata").put("total_size", 0);
        ObjectNode map = index.putObject("weight_map");
        int i = 0;
        for (Tensor t : weights.values()) {
            boolean first = i++ % 2 == 0;
            (first ? a : b).add(t);
            map.put(t.name(), first ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors");
        }
        Safetensors.write(sharded.resolve("model-00001-of-00002.safetensors"), a, DType.F32);
        Safetensors.write(sharded.resolve("model-00002-of-00002.safetensors"), b, DType.F32);
        JSON.writeValue(sharded.resolve("model.safetensors.index.json").toFile(), index);
        assertThat(scores(sharded)).containsExactly(scores(dir));
    }

    @Test
    void maxLengthIsTheSmallerOfTokenizerAndPositionTable() {
        try (CrossEncoder bert = CrossEncoder.load(TinyModels.reranker(tmp.resolve("b"), Architecture.BERT));
                CrossEncoder roberta = CrossEncoder.load(TinyModels.reranker(tmp.resolve("r"), Architecture.ROBERTA))) {
            assertThat(bert.maxLength()).isEqualTo(64); // max_position_embeddings 64 < model_max_length 512
            assertThat(roberta.maxLength()).isEqualTo(64); // 66 positions, starting after padding_idx 1
        }
        Path dir = TinyModels.reranker(tmp.resolve("x"), Architecture.BERT);
        try (CrossEncoder m =
                CrossEncoder.load(dir, CrossEncoderOptions.defaults().withMaxLength(16))) {
            assertThat(m.maxLength()).isEqualTo(16);
        }
        assertThatThrownBy(() ->
                        CrossEncoder.load(dir, CrossEncoderOptions.defaults().withMaxLength(100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLength 100 exceeds")
                .hasMessageContaining("64 positions");
    }

    @Test
    void truncationKeepsScoresFiniteForVeryLongInputs() {
        String longText = "the cat sat on the mat ".repeat(100);
        String longerText = "the cat sat on the mat ".repeat(200);
        List<TextPair> pairs = List.of(new TextPair(longText, longText), new TextPair("who", longText));
        List<TextPair> longer = List.of(new TextPair(longerText, longerText), new TextPair("who", longerText));
        Path dir = TinyModels.reranker(tmp.resolve("m"), Architecture.XLM_ROBERTA);
        for (Truncation t : Truncation.values()) {
            try (CrossEncoder m =
                    CrossEncoder.load(dir, CrossEncoderOptions.defaults().withTruncation(t))) {
                float[] scores = m.predict(pairs);
                for (float s : scores) {
                    assertThat(s).isFinite();
                }
                assertThat(m.predict(longer))
                        .as("%s: text past the model's maximum length is cut, so more of it changes nothing", t)
                        .containsExactly(scores, within(1e-6f));
            }
        }
    }

    @Test
    void aSavedActivationIsUsedOnReloadAndOverridable() throws IOException {
        Path dir = TinyModels.reranker(tmp.resolve("m"), Architecture.BERT);
        Path saved = tmp.resolve("identity");
        float[] logits;
        try (CrossEncoder m =
                CrossEncoder.load(dir, CrossEncoderOptions.defaults().withActivation(Activation.IDENTITY))) {
            logits = m.predict(PAIRS);
            m.save(saved);
        }
        try (CrossEncoder m = CrossEncoder.load(saved)) {
            assertThat(m.activation()).isEqualTo(Activation.IDENTITY);
            assertThat(m.predict(PAIRS)).containsExactly(logits);
        }
        try (CrossEncoder m =
                CrossEncoder.load(saved, CrossEncoderOptions.defaults().withActivation(Activation.TANH))) {
            assertThat(m.predict(PAIRS)[0])
                    .isEqualTo((float) Math.tanh(logits[0]), org.assertj.core.api.Assertions.within(1e-6f));
        }
    }

    @Test
    void legacyAndUnknownActivationKeys() throws IOException {
        Path dir = TinyModels.reranker(tmp.resolve("m"), Architecture.BERT);
        ObjectNode config =
                (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
        config.put("sbert_ce_default_activation_function", "torch.nn.modules.linear.Identity");
        JSON.writeValue(dir.resolve("config.json").toFile(), config);
        try (CrossEncoder m = CrossEncoder.load(dir)) {
            assertThat(m.activation()).isEqualTo(Activation.IDENTITY);
        }
        config.putObject("sentence_transformers").put("activation_fn", "my_package.CustomActivation");
        JSON.writeValue(dir.resolve("config.json").toFile(), config);
        try (CrossEncoder m = CrossEncoder.load(dir)) {
            assertThat(m.activation()).isEqualTo(Activation.SIGMOID); // untrusted path: the default, as ST does
        }
    }

    @Test
    void unusableDirectoriesFailWithTheFileAndTheReason() throws IOException {
        Path dir = TinyModels.reranker(tmp.resolve("m"), Architecture.BERT);
        ObjectNode config =
                (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());

        Path unsupported = copy(dir, tmp.resolve("gpt"));
        JSON.writeValue(
                unsupported.resolve("config.json").toFile(), config.deepCopy().put("model_type", "gpt2"));
        assertThatThrownBy(() -> CrossEncoder.load(unsupported))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model_type \"gpt2\"")
                .hasMessageContaining("bert (BertForSequenceClassification)")
                .hasMessageContaining("xlm-roberta")
                .hasMessageContaining("distilbert");

        Path wrongShape = copy(dir, tmp.resolve("shape"));
        JSON.writeValue(
                wrongShape.resolve("config.json").toFile(), config.deepCopy().put("intermediate_size", 48));
        assertThatThrownBy(() -> CrossEncoder.load(wrongShape))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("bert.encoder.layer.0.intermediate.dense.weight has shape [64, 32]")
                .hasMessageContaining("[48, 32]");

        Path missing = copy(dir, tmp.resolve("missing"));
        List<Tensor> fewer = ModelWeights.load(dir).values().stream()
                .filter(t -> !t.name().contains("layer.1.output"))
                .toList();
        Safetensors.write(missing.resolve("model.safetensors"), fewer, DType.F32);
        assertThatThrownBy(() -> CrossEncoder.load(missing))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("lacks 4 encoder weight(s)")
                .hasMessageContaining("bert.encoder.layer.1.output.dense.weight");

        Path relative = copy(dir, tmp.resolve("relative"));
        JSON.writeValue(
                relative.resolve("config.json").toFile(),
                config.deepCopy().put("position_embedding_type", "relative_key"));
        assertThatThrownBy(() -> CrossEncoder.load(relative))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("position_embedding_type \"relative_key\"");

        Path badJson = copy(dir, tmp.resolve("json"));
        Files.writeString(badJson.resolve("config.json"), "{\"model_type\": \"bert\", \"hidden_size\": \"big\"}");
        assertThatThrownBy(() -> CrossEncoder.load(badJson))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("config.json: field \"hidden_size\" must be an integer");

        Path pickle = copy(dir, tmp.resolve("pickle"));
        Files.delete(pickle.resolve("model.safetensors"));
        Files.write(pickle.resolve("pytorch_model.bin"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> CrossEncoder.load(pickle))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("pytorch_model.bin")
                .hasMessageContaining("safe_serialization=True");

        Path noTokenizer = copy(dir, tmp.resolve("notok"));
        Files.delete(noTokenizer.resolve("tokenizer.json"));
        assertThatThrownBy(() -> CrossEncoder.load(noTokenizer)).hasMessageContaining("tokenizer.json: missing");

        assertThatThrownBy(() -> CrossEncoder.load(tmp.resolve("nothing")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("not a directory");
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
