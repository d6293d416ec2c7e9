package dev.rerank4j.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.ModelFormatException;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.testing.TinyEmbeddings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Static embedding models in sentence-transformers' 0_StaticEmbedding layout, built here with known rows. */
class StaticEmbeddingTest {
    static final EncodeOptions QUIET = EncodeOptions.defaults().withProgress(ProgressMode.OFF);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path model(boolean normalize) {
        return TinyEmbeddings.staticModel(
                tmp.resolve(normalize ? "norm" : "plain"),
                Map.of(
                        "cat", new float[] {1, 0, 0},
                        "dog", new float[] {0, 2, 0},
                        "mat", new float[] {0, 0, 4},
                        "query", new float[] {3, 3, 3}),
                normalize);
    }

    @Test
    void embedsTheMeanOfTokenRowsWithoutSpecialTokens() {
        try (EmbeddingModel m = EmbeddingModel.load(model(false), EmbeddingOptions.defaults())) {
            assertThat(m).isInstanceOf(StaticEmbedding.class);
            assertThat(m.dimension()).isEqualTo(3);
            Embeddings e = m.encode(List.of("cat", "cat dog", "The cat sat on the mat", "", "CAT"), QUIET);
            assertThat(e.row(0)).containsExactly(1, 0, 0);
            assertThat(e.row(1)).containsExactly(0.5f, 1, 0);
            // six tokens (the, cat, sat, on, the, mat); only cat and mat have non-zero rows
            assertThat(e.row(2)).containsExactly(1 / 6f, 0, 4 / 6f);
            assertThat(e.row(3)).as("no token: zeros, as nn.EmbeddingBag").containsExactly(0, 0, 0);
            assertThat(e.row(4)).as("the tokenizer lower-cases").containsExactly(1, 0, 0);
        }
    }

    @Test
    void normalizeModuleAndUnitLengthOptionScaleToUnitNorm() {
        try (EmbeddingModel m = EmbeddingModel.load(model(true), EmbeddingOptions.defaults());
                EmbeddingModel plain = EmbeddingModel.load(model(false), EmbeddingOptions.defaults())) {
            assertThat(((StaticEmbedding) m).normalizes()).isTrue();
            float[] v = m.encode(List.of("cat dog"), QUIET).row(0);
            assertThat(v[0]).isCloseTo((float) (0.5 / Math.sqrt(1.25)), within(1e-6f));
            assertThat(v[1]).isCloseTo((float) (1 / Math.sqrt(1.25)), within(1e-6f));
            float[] w = plain.encode(List.of("cat dog"), QUIET.withNormalization(Normalization.UNIT_LENGTH))
                    .row(0);
            assertThat(w).containsExactly(v);
            assertThat(m.encode(List.of(""), QUIET).row(0))
                    .as("a zero row stays zero")
                    .containsExactly(0, 0, 0);
        }
    }

    @Test
    void promptIsPrependedToEveryText() {
        try (EmbeddingModel m = EmbeddingModel.load(model(false), EmbeddingOptions.defaults())) {
            Embeddings e = m.encode(List.of("cat", "dog"), QUIET.withPrompt("query "));
            assertThat(e.row(0)).containsExactly(2, 1.5f, 1.5f);
            assertThat(e.row(1)).containsExactly(1.5f, 2.5f, 1.5f);
        }
    }

    @Test
    void truncationOfTokenizerJsonApplies() throws Exception {
        Path dir = model(false);
        Path tok = dir.resolve("0_StaticEmbedding/tokenizer.json");
        ObjectNode t = (ObjectNode) JSON.readTree(tok.toFile());
        t.putObject("truncation")
                .put("direction", "Right")
                .put("max_length", 2)
                .put("strategy", "LongestFirst")
                .put("stride", 0);
        JSON.writeValue(tok.toFile(), t);
        try (EmbeddingModel m = EmbeddingModel.load(dir, EmbeddingOptions.defaults())) {
            assertThat(m.encode(List.of("cat dog mat mat"), QUIET).row(0)).containsExactly(0.5f, 1, 0);
        }
    }

    @Test
    void model2vecTensorNameAndPromptsFileAreRead() throws Exception {
        Path dir = model(false);
        Files.writeString(
                dir.resolve("config_sentence_transformers.json"),
                "{\"prompts\": {\"query\": \"query \", \"document\": \"\"}, \"default_prompt_name\": null}");
        try (EmbeddingModel m = EmbeddingModel.load(dir, EmbeddingOptions.defaults())) {
            Prompts p = m.prompts();
            assertThat(p.resolve(PromptRole.QUERY)).isEqualTo("query ");
            assertThat(p.resolve(PromptRole.DOCUMENT)).isEmpty();
            assertThat(p.named("query")).isEqualTo("query ");
            assertThat(p.defaultName()).isEmpty();
            assertThatThrownBy(() -> p.named("passage"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"passage\"")
                    .hasMessageContaining("[query, document]");
        }
    }

    @Test
    void unsupportedModulesAndMissingWeightsAreNamed() throws Exception {
        Path dir = model(false);
        Files.writeString(
                dir.resolve("modules.json"),
                "[{\"idx\":0,\"name\":\"0\",\"path\":\"0_StaticEmbedding\",\"type\":\"" + TinyEmbeddings.STATIC_TYPE
                        + "\"},{\"idx\":1,\"name\":\"1\",\"path\":\"1_Dense\",\"type\":"
                        + "\"sentence_transformers.models.Dense\"}]");
        assertThatThrownBy(() -> EmbeddingModel.load(dir, EmbeddingOptions.defaults()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("modules.json")
                .hasMessageContaining("sentence_transformers.models.Dense");
        Path empty = Files.createDirectories(tmp.resolve("nothing/0_StaticEmbedding"));
        Files.writeString(
                empty.getParent().resolve("modules.json"),
                "[{\"idx\":0,\"name\":\"0\",\"path\":\"0_StaticEmbedding\",\"type\":"
                        + "\"sentence_transformers.models.StaticEmbedding\"}]");
        assertThatThrownBy(() -> EmbeddingModel.load(empty.getParent(), EmbeddingOptions.defaults()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model.safetensors")
                .hasMessageContaining("embedding.weight");
    }
}
