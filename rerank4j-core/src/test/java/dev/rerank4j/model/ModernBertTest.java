package dev.rerank4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.Activation;
import dev.rerank4j.ModelFormatException;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.TextPair;
import dev.rerank4j.io.DType;
import dev.rerank4j.io.ModelWeights;
import dev.rerank4j.io.Safetensors;
import dev.rerank4j.io.Tensor;
import dev.rerank4j.model.modernbert.ModernBertConfig;
import dev.rerank4j.model.modernbert.ModernBertLayout;
import dev.rerank4j.testing.HfReferenceModernBert;
import dev.rerank4j.testing.TinyModels;
import dev.rerank4j.testing.TinyModels.Checkpoint;
import dev.rerank4j.tokenize.EncodedPair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ModernBERT beyond the shared contract: both config forms, biases and pooling variants against the double-precision
 * reference, a window wider than the input equals global attention, the head names of sequence-classification,
 * masked-LM and bare checkpoints, long inputs, and gradients by finite differences of the reference.
 */
class ModernBertTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PredictOptions LOGITS =
            PredictOptions.defaults().withActivation(Activation.IDENTITY).withProgress(ProgressMode.OFF);

    @TempDir
    Path tmp;

    @Test
    void bothRopeConfigFormsReadTheSameLayout() {
        ObjectNode legacy =
                JSON.createObjectNode().put("model_type", "modernbert").put("num_hidden_layers", 4);
        legacy.put("global_attn_every_n_layers", 2)
                .put("global_rope_theta", 8e5)
                .put("local_rope_theta", 5e3);
        ObjectNode current =
                JSON.createObjectNode().put("model_type", "modernbert").put("num_hidden_layers", 4);
        current.put("global_attn_every_n_layers", 2);
        current.putArray("layer_types")
                .add("full_attention")
                .add("sliding_attention")
                .add("full_attention")
                .add("sliding_attention");
        ObjectNode rope = current.putObject("rope_parameters");
        rope.putObject("full_attention").put("rope_type", "default").put("rope_theta", 8e5);
        rope.putObject("sliding_attention").put("rope_type", "default").put("rope_theta", 5e3);
        ModernBertLayout a = ((ModernBertConfig) ModelConfig.fromJson(legacy)).layout();
        ModernBertLayout b = ((ModernBertConfig) ModelConfig.fromJson(current)).layout();
        assertThat(a).isEqualTo(b);
        assertThat(a.global(0)).isTrue();
        assertThat(a.global(1)).isFalse();
        assertThat(a.ropeTheta(2)).isEqualTo(8e5f);
        assertThat(a.ropeTheta(3)).isEqualTo(5e3f);
        // ModernBERT-base's defaults: every third layer global, bases 160000 / 10000, window 128.
        ModernBertConfig base =
                (ModernBertConfig) ModelConfig.fromJson(JSON.createObjectNode().put("model_type", "modernbert"));
        assertThat(base.numLayers()).isEqualTo(22);
        assertThat(base.layout().global(21)).isTrue();
        assertThat(base.layout().global(20)).isFalse();
        assertThat(base.layout().ropeTheta(0)).isEqualTo(160000f);
        assertThat(base.layout().ropeTheta(1)).isEqualTo(10000f);
        assertThat(base.layout().halfWindow()).isEqualTo(64);
        assertThat(base.padTokenId()).isEqualTo(50283);
    }

    @Test
    void badConfigValuesAreNamed() {
        assertThatThrownBy(() -> ModelConfig.fromJson(json().put("num_hidden_layers", 3)
                        .set("layer_types", JSON.createArrayNode().add("full_attention"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer_types has 1 entries but num_hidden_layers is 3");
        assertThatThrownBy(() -> ModelConfig.fromJson(json().put("classifier_pooling", "max")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"classifier_pooling\" must be \"cls\" or \"mean\", got \"max\"");
        ObjectNode yarn = json();
        yarn.putObject("rope_parameters").putObject("full_attention").put("rope_type", "yarn");
        assertThatThrownBy(() -> ModelConfig.fromJson(yarn))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("rope_parameters.full_attention.rope_type \"yarn\"");
        assertThatThrownBy(() -> ModelConfig.fromJson(json().put("norm_bias", "yes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"norm_bias\" must be true or false");
    }

    @Test
    void configVariantsMatchTheReference() throws IOException {
        List<Consumer<ObjectNode>> variants = List.of(
                c -> c.put("classifier_pooling", "cls"),
                c -> c.put("norm_bias", true).put("mlp_bias", true),
                c -> c.put("attention_bias", false).put("classifier_bias", false),
                c -> c.put("classifier_activation", "tanh"),
                // the newer form, with rope bases following layer_types and windows following the every-n rule
                c -> {
                    c.remove("global_rope_theta");
                    c.remove("local_rope_theta");
                    c.putArray("layer_types")
                            .add("sliding_attention")
                            .add("full_attention")
                            .add("full_attention");
                    ObjectNode rope = c.putObject("rope_parameters");
                    rope.putObject("full_attention").put("rope_type", "default").put("rope_theta", 50.0);
                    rope.putObject("sliding_attention")
                            .put("rope_type", "default")
                            .put("rope_theta", 10000.0);
                });
        for (int v = 0; v < variants.size(); v++) {
            Path dir = TinyModels.write(tmp.resolve("v" + v), Architecture.MODERNBERT, Checkpoint.WITH_HEAD, 2, 40 + v);
            editConfig(dir, variants.get(v));
            rewriteWeights(dir); // biases follow the edited config
            try (CrossEncoder model = CrossEncoder.load(dir)) {
                assertThat(compare(model, dir, ReferenceForwardTest.PAIRS))
                        .as("variant %d", v)
                        .isLessThan(1e-4);
            }
        }
    }

    @Test
    void aWindowWiderThanTheInputEqualsGlobalAttention() throws IOException {
        Path dir = TinyModels.write(tmp.resolve("m"), Architecture.MODERNBERT, Checkpoint.WITH_HEAD, 1, 51);
        Consumer<ObjectNode> sameBases = c -> c.putArray("layer_types")
                .add("full_attention")
                .add("sliding_attention")
                .add("full_attention");
        editConfig(dir, sameBases.andThen(c -> c.put("local_attention", 1000)));
        float[][] wide;
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            wide = model.predictLabels(ReferenceForwardTest.PAIRS, LOGITS);
        }
        editConfig(dir, c -> c.put("local_attention", 8).put("global_attn_every_n_layers", 1));
        float[][] global;
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            global = model.predictLabels(ReferenceForwardTest.PAIRS, LOGITS);
        }
        editConfig(dir, c -> c.put("global_attn_every_n_layers", 2));
        float[][] windowed;
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            windowed = model.predictLabels(ReferenceForwardTest.PAIRS, LOGITS);
        }
        for (int i = 0; i < wide.length; i++) {
            assertThat(wide[i][0]).isCloseTo(global[i][0], org.assertj.core.api.Assertions.within(1e-6f));
        }
        assertThat(windowed[2][0])
                .as("a window of 8 changes a long pair's score")
                .isNotCloseTo(global[2][0], org.assertj.core.api.Assertions.within(1e-3f));
    }

    @Test
    void headNamesOfEachCheckpointKind() throws IOException {
        Path dir = TinyModels.write(tmp.resolve("cls"), Architecture.MODERNBERT, Checkpoint.WITH_HEAD, 1, 61);
        Map<String, Tensor> weights = ModelWeights.load(dir);
        assertThat(weights.keySet())
                .contains(
                        "model.embeddings.tok_embeddings.weight",
                        "model.embeddings.norm.weight",
                        "model.layers.0.attn.Wqkv.weight",
                        "model.layers.1.attn_norm.weight",
                        "model.final_norm.weight",
                        "head.dense.weight",
                        "head.norm.weight",
                        "classifier.weight",
                        "classifier.bias")
                .doesNotContain("model.layers.0.attn_norm.weight", "model.final_norm.bias", "head.norm.bias");
        // ModernBertForMaskedLM: the same model.* and head.* names plus decoder.bias; the head is trained, the
        // classifier fresh (as transformers' from_pretrained into ModernBertForSequenceClassification).
        Path mlm = tmp.resolve("mlm");
        java.nio.file.Files.createDirectories(mlm);
        for (String f : List.of("tokenizer.json", "tokenizer_config.json")) {
            java.nio.file.Files.copy(dir.resolve(f), mlm.resolve(f));
        }
        ObjectNode config =
                (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
        config.putArray("architectures").add("ModernBertForMaskedLM");
        config.remove("id2label");
        config.remove("label2id");
        JSON.writeValue(mlm.resolve("config.json").toFile(), config);
        List<Tensor> tensors = new ArrayList<>();
        weights.forEach((n, t) -> {
            if (!n.startsWith("classifier")) {
                tensors.add(t);
            }
        });
        tensors.add(Tensor.of(
                "decoder.bias",
                new long[] {
                    weights.get("model.embeddings.tok_embeddings.weight").dim(0)
                },
                new float
                        [Math.toIntExact(weights.get("model.embeddings.tok_embeddings.weight")
                                .dim(0))]));
        Safetensors.write(mlm.resolve("model.safetensors"), tensors, DType.F32);
        try (CrossEncoder model = CrossEncoder.load(mlm)) {
            assertThat(model.freshlyInitialised()).containsExactly("classifier.weight", "classifier.bias");
            assertThat(model.numLabels()).isEqualTo(1);
            assertThat(TrainingAccess.parameters(model).values("head.dense.weight"))
                    .containsExactly(weights.get("head.dense.weight").values());
        }
        // A bare ModernBertModel: no model. prefix, no head at all.
        Path bare = TinyModels.write(tmp.resolve("bare"), Architecture.MODERNBERT, Checkpoint.BASE_MODEL, 1, 62);
        assertThat(ModelWeights.load(bare).keySet())
                .contains("embeddings.tok_embeddings.weight", "layers.1.attn_norm.weight");
        try (CrossEncoder model = CrossEncoder.load(bare)) {
            assertThat(model.freshlyInitialised())
                    .containsExactlyInAnyOrder(
                            "head.dense.weight",
                            "head.dense.bias",
                            "head.norm.weight",
                            "classifier.weight",
                            "classifier.bias");
        }
    }

    @Test
    void longInputsMatchTheReference() throws IOException {
        Path dir = TinyModels.write(tmp.resolve("long"), Architecture.MODERNBERT, Checkpoint.WITH_HEAD, 1, 71);
        editConfig(dir, c -> c.put("max_position_embeddings", 8192).put("local_attention", 128));
        ObjectNode tokConfig = JSON.createObjectNode().put("model_max_length", 8192);
        JSON.writeValue(dir.resolve("tokenizer_config.json").toFile(), tokConfig);
        String doc = "the dog sat on the mat and the cat sat on the dog. ".repeat(90);
        List<TextPair> pairs =
                List.of(new TextPair("where is the cat?", doc), new TextPair("who", doc.substring(0, 900)));
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            List<EncodedPair> encoded = model.tokenizer().encode(pairs);
            assertThat(encoded.get(0).length()).isGreaterThan(3 * ModernBertTestSizes.GLOBAL_BLOCK);
            // and more positions than one MLP chunk (ModernBertLayer.MLP_CHUNK, 1,024) in inference
            assertThat(encoded.get(0).length()).isGreaterThan(1024);
            assertThat(compare(model, dir, pairs)).isLessThan(1e-4);
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesOfTheReference() throws IOException {
        Path dir = TinyModels.write(tmp.resolve("g"), Architecture.MODERNBERT, Checkpoint.WITH_HEAD, 1, 81);
        List<TextPair> pairs = List.of(ReferenceForwardTest.PAIRS.get(2), ReferenceForwardTest.PAIRS.get(1));
        List<String> names = List.of(
                "model.embeddings.tok_embeddings.weight",
                "model.layers.0.attn.Wqkv.weight",
                "model.layers.1.attn.Wqkv.weight",
                "model.layers.1.attn.Wqkv.bias",
                "model.layers.2.mlp.Wi.weight",
                "model.final_norm.weight",
                "head.dense.weight",
                "classifier.bias");
        HfReferenceModernBert reference = HfReferenceModernBert.load(dir);
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            // loss = first logit - 0.5 * second: one padded batch, both rows matter
            ModernBertGradients.Result r = ModernBertGradients.of(
                    model, pairs, z -> z.get(0).sub(z.get(1).mul(0.5f)).sum(), names);
            List<EncodedPair> encoded = model.tokenizer().encode(pairs);
            java.util.Random pick = new java.util.Random(3);
            for (String name : names) {
                float[] g = r.gradients().get(name);
                int index = largest(g, pick);
                double h = 1e-3;
                double fd = (loss(reference.perturbed(name, index, (float) h), encoded)
                                - loss(reference.perturbed(name, index, (float) -h), encoded))
                        / (2 * h);
                assertThat(Math.abs(fd))
                        .as("finite difference of %s[%d]", name, index)
                        .isGreaterThan(1e-4);
                assertThat(g[index])
                        .as("d loss / d %s[%d]", name, index)
                        .isCloseTo((float) fd, org.assertj.core.api.Assertions.within((float)
                                (2e-3 * Math.abs(fd) + 1e-4)));
            }
        }
    }

    /** An element with a large gradient, chosen at random among the top ones. */
    private static int largest(float[] g, java.util.Random pick) {
        float max = 0;
        for (float v : g) {
            max = Math.max(max, Math.abs(v));
        }
        List<Integer> top = new ArrayList<>();
        for (int i = 0; i < g.length; i++) {
            if (Math.abs(g[i]) >= 0.5 * max) {
                top.add(i);
            }
        }
        return top.get(pick.nextInt(top.size()));
    }

    private static double loss(HfReferenceModernBert reference, List<EncodedPair> pairs) {
        int len = Math.max(pairs.get(0).length(), pairs.get(1).length());
        double[] z = new double[2];
        for (int r = 0; r < 2; r++) {
            long[] ids = new long[len];
            long[] mask = new long[len];
            java.util.Arrays.fill(ids, 0);
            long[] real = pairs.get(r).ids();
            for (int i = 0; i < real.length; i++) {
                ids[i] = real[i];
                mask[i] = 1;
            }
            z[r] = reference.logits(ids, mask)[0];
        }
        return z[0] - 0.5 * z[1];
    }

    private static double compare(CrossEncoder model, Path dir, List<TextPair> pairs) throws IOException {
        List<EncodedPair> encoded = model.tokenizer().encode(pairs);
        HfReferenceModernBert reference = HfReferenceModernBert.load(dir);
        float[][] actual = model.predictLabels(pairs, LOGITS);
        int len = encoded.stream().mapToInt(EncodedPair::length).max().orElseThrow();
        double max = 0;
        double scale = 0;
        for (int r = 0; r < encoded.size(); r++) {
            long[] ids = new long[len];
            long[] mask = new long[len];
            java.util.Arrays.fill(ids, model.tokenizer().padId());
            long[] real = encoded.get(r).ids();
            for (int i = 0; i < real.length; i++) {
                ids[i] = real[i];
                mask[i] = 1;
            }
            double[] expected = reference.logits(ids, mask);
            for (int j = 0; j < expected.length; j++) {
                max = Math.max(max, Math.abs(expected[j] - actual[r][j]));
                scale = Math.max(scale, Math.abs(expected[j]));
            }
        }
        assertThat(scale).as("logits are not trivially small").isGreaterThan(1e-2);
        return max;
    }

    /** Rewrites the weights of a tiny model for its (edited) config, same seed: biases appear or go. */
    private static void rewriteWeights(Path dir) throws IOException {
        ModelConfig config = ModelConfig.read(dir);
        Map<String, Tensor> old = ModelWeights.load(dir);
        List<Tensor> tensors = new ArrayList<>();
        java.util.Random random = new java.util.Random(99);
        for (ParamSpec spec : Architecture.MODERNBERT.network(config).parameterSpecs()) {
            Tensor t = old.get(spec.name());
            if (t == null) {
                float[] v = new float[Math.toIntExact(spec.numel())];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (random.nextGaussian() * 0.1) + (spec.init() == ParamSpec.Init.ONES ? 1f : 0f);
                }
                t = Tensor.of(spec.name(), spec.shape(), v);
            }
            tensors.add(t);
        }
        Safetensors.write(dir.resolve("model.safetensors"), tensors, DType.F32);
    }

    private static ObjectNode json() {
        return JSON.createObjectNode().put("model_type", "modernbert");
    }

    private static void editConfig(Path dir, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode config =
                (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
        edit.accept(config);
        JSON.writeValue(dir.resolve("config.json").toFile(), config);
    }

    /** The block size of a global layer (package-private in the network's package). */
    private static final class ModernBertTestSizes {
        static final int GLOBAL_BLOCK = 256;
    }
}
