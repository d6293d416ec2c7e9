package dev.rerank4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.testing.HfReferenceConfig;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keys absent from {@code config.json} take the defaults of transformers' configuration class, as
 * {@link HfReferenceConfig} reads them; and DistilBERT ignores {@code layer_norm_eps}.
 */
class ModelConfigDefaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void absentKeysTakeTheDefaultsOfTransformersConfigClass(Architecture a) throws IOException {
        ObjectNode json = JSON.createObjectNode().put("model_type", a.modelType());
        assertSameHyperParameters(json);
    }

    /**
     * DistilBERT's {@code hidden_dim} defaults to 3072, not to 4 x {@code dim}. The width, 192, divides by every
     * default head count (12; ELECTRA 4; Qwen 32, leaving Qwen2 an even head width).
     */
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void onlyTheWidthGivenLeavesTheOtherDefaults(Architecture a) throws IOException {
        ObjectNode json = JSON.createObjectNode().put("model_type", a.modelType());
        json.put(a == Architecture.DISTILBERT ? "dim" : "hidden_size", 192);
        assertSameHyperParameters(json);
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void presentKeysAreRead(Architecture a) throws IOException {
        ObjectNode json = JSON.createObjectNode().put("model_type", a.modelType());
        json.put("hidden_size", 48).put("dim", 48).put("embedding_size", 24);
        json.put("num_hidden_layers", 3)
                .put("n_layers", 3)
                .put("num_attention_heads", 6)
                .put("n_heads", 6);
        json.put("intermediate_size", 96).put("hidden_dim", 96);
        json.put("hidden_act", "gelu_new").put("activation", "relu");
        json.put("layer_norm_eps", 1e-5).put("pad_token_id", 3);
        assertSameHyperParameters(json);
    }

    private void assertSameHyperParameters(ObjectNode json) throws IOException {
        JSON.writeValue(tmp.resolve("config.json").toFile(), json);
        HfReferenceConfig expected = HfReferenceConfig.read(tmp);
        ModelConfig actual = ModelConfig.fromJson(json);
        assertThat(actual.hiddenSize()).as("hidden size").isEqualTo(expected.hiddenSize());
        assertThat(actual.embeddingSize()).as("embedding size").isEqualTo(expected.embeddingSize());
        assertThat(actual.numLayers()).as("layers").isEqualTo(expected.numLayers());
        assertThat(actual.numHeads()).as("heads").isEqualTo(expected.numHeads());
        assertThat(actual.intermediateSize()).as("intermediate size").isEqualTo(expected.intermediateSize());
        assertThat(actual.hiddenAct()).as("activation").isEqualTo(expected.hiddenAct());
        assertThat((double) actual.layerNormEps()).as("layer_norm_eps").isEqualTo((double)
                (float) expected.layerNormEps());
        assertThat(actual.padTokenId()).as("pad_token_id").isEqualTo(expected.padTokenId());
    }
}
