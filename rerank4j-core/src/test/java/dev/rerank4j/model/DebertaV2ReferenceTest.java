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
import dev.rerank4j.testing.DebertaReference;
import dev.rerank4j.testing.TinyModels;
import dev.rerank4j.testing.TinyModels.Checkpoint;
import dev.rerank4j.tokenize.EncodedPair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DeBERTa-v2/v3 options against the double-precision {@link DebertaReference}: every config variant rerank4j reads,
 * finite-difference gradients, and the configs it refuses. The shared contract ({@link ReferenceForwardTest},
 * {@link CrossEncoderTest}) covers the DeBERTa-v3 layout itself.
 */
class DebertaV2ReferenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PredictOptions LOGITS =
            PredictOptions.defaults().withActivation(Activation.IDENTITY).withProgress(ProgressMode.OFF);
    private static final List<TextPair> PAIRS = ReferenceForwardTest.PAIRS;

    @TempDir
    Path tmp;

    static Stream<Arguments> variants() {
        Map<String, Consumer<ObjectNode>> v = new java.util.LinkedHashMap<>();
        v.put("c2p only", c -> c.put("pos_att_type", "c2p"));
        v.put("p2c only, as a list", c -> c.putArray("pos_att_type").add("p2c"));
        v.put("own position projections", c -> c.put("share_att_key", false));
        v.put("own projections, c2p only", c -> c.put("share_att_key", false).put("pos_att_type", "c2p"));
        v.put("no buckets, span 6 (clamped)", c -> c.put("position_buckets", -1).put("max_relative_positions", 6));
        v.put("no buckets, max_position_embeddings span", c -> c.put("position_buckets", 0));
        v.put("relative_attention off", c -> c.put("relative_attention", false));
        v.put(
                "absolute positions and token types",
                c -> c.put("position_biased_input", true).put("type_vocab_size", 2));
        v.put("embedding_size 16 (embed_proj)", c -> c.put("embedding_size", 16));
        v.put("norm_rel_ebd none", c -> c.put("norm_rel_ebd", "none"));
        v.put("pooler tanh", c -> c.put("pooler_hidden_act", "tanh"));
        return v.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void configVariantsMatchTheReference(String name, Consumer<ObjectNode> edit) throws IOException {
        Path dir = TinyModels.write(tmp.resolve("m"), Architecture.DEBERTA_V2, Checkpoint.WITH_HEAD, 2, 41, edit);
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            double[][] expected = referenceLogits(model, dir);
            float[][] actual = model.predictLabels(PAIRS, LOGITS);
            double diff = 0;
            double scale = 0;
            for (int i = 0; i < expected.length; i++) {
                for (int j = 0; j < expected[i].length; j++) {
                    diff = Math.max(diff, Math.abs(expected[i][j] - actual[i][j]));
                    scale = Math.max(scale, Math.abs(expected[i][j]));
                }
            }
            assertThat(scale).as(name + ": max |logit|").isGreaterThan(1e-2);
            assertThat(diff).as(name + ": max |rerank4j - reference|").isLessThanOrEqualTo(1e-5);
        }
    }

    /**
     * The variants that keep the weights change the reference's logits far more than rerank4j is off from it, so the
     * comparison above can see them.
     */
    @Test
    void configOnlyVariantsMoveTheLogits() throws IOException {
        Path dir = TinyModels.write(tmp.resolve("m"), Architecture.DEBERTA_V2, Checkpoint.WITH_HEAD, 1, 43);
        double[][] base;
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            base = referenceLogits(model, dir);
        }
        ObjectNode original =
                (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
        for (String edit : List.of("c2p", "p2c", "noBuckets", "relativeOff", "normNone", "poolerTanh")) {
            ObjectNode c = original.deepCopy();
            switch (edit) {
                case "c2p" -> c.put("pos_att_type", "c2p");
                case "p2c" -> c.put("pos_att_type", "p2c");
                case "noBuckets" -> c.put("position_buckets", -1).put("max_relative_positions", 8); // same 16 rows
                case "relativeOff" -> c.put("relative_attention", false);
                case "normNone" -> c.put("norm_rel_ebd", "none");
                default -> c.put("pooler_hidden_act", "tanh");
            }
            JSON.writeValue(dir.resolve("config.json").toFile(), c);
            try (CrossEncoder model = CrossEncoder.load(dir)) {
                double[][] variant = referenceLogits(model, dir);
                double gap = 0;
                for (int i = 0; i < base.length; i++) {
                    gap = Math.max(gap, Math.abs(base[i][0] - variant[i][0]));
                }
                assertThat(gap).as(edit).isGreaterThan(1e-3);
            }
        }
    }

    /** Autograd through rerank4j's network against central differences of the double reference. */
    @Test
    void gradientsMatchFiniteDifferencesOfTheReference() throws IOException {
        Path v3 = TinyModels.write(tmp.resolve("v3"), Architecture.DEBERTA_V2, Checkpoint.WITH_HEAD, 1, 47);
        checkGradients(
                v3,
                List.of(
                        "deberta.encoder.rel_embeddings.weight",
                        "deberta.encoder.LayerNorm.bias",
                        "deberta.encoder.layer.0.attention.self.query_proj.weight",
                        "deberta.encoder.layer.1.attention.self.key_proj.bias",
                        "deberta.encoder.layer.1.output.dense.weight",
                        "deberta.embeddings.word_embeddings.weight",
                        "pooler.dense.weight",
                        "classifier.bias"));
        Path own = TinyModels.write(
                tmp.resolve("own"),
                Architecture.DEBERTA_V2,
                Checkpoint.WITH_HEAD,
                1,
                53,
                c -> c.put("share_att_key", false)
                        .put("position_buckets", -1)
                        .put("max_relative_positions", 5)
                        .put("embedding_size", 16)
                        .put("position_biased_input", true));
        checkGradients(
                own,
                List.of(
                        "deberta.encoder.layer.0.attention.self.pos_key_proj.weight",
                        "deberta.encoder.layer.1.attention.self.pos_query_proj.bias",
                        "deberta.embeddings.embed_proj.weight",
                        "deberta.embeddings.position_embeddings.weight"));
    }

    @Test
    void unsupportedConfigsAreRefusedNamingTheKey() throws IOException {
        record Case(Consumer<ObjectNode> edit, String message) {}
        List<Case> cases = List.of(
                new Case(c -> c.put("conv_kernel_size", 3), "unsupported conv_kernel_size 3"),
                new Case(c -> c.put("pooler_hidden_size", 16), "unsupported pooler_hidden_size 16"),
                new Case(c -> c.put("pos_att_type", "p2c|p2p"), "unsupported pos_att_type \"p2p\""),
                new Case(c -> c.put("norm_rel_ebd", "batch_norm"), "unsupported norm_rel_ebd \"batch_norm\""),
                new Case(c -> c.put("attention_head_size", 4), "unsupported attention_head_size 4"),
                new Case(c -> c.put("relative_attention", "yes"), "field \"relative_attention\" must be true or false"),
                new Case(c -> c.put("position_buckets", 200), "position_buckets (200) must be at least 2"));
        Path dir = TinyModels.write(tmp.resolve("m"), Architecture.DEBERTA_V2, Checkpoint.WITH_HEAD, 1, 59);
        ObjectNode original =
                (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
        for (Case c : cases) {
            ObjectNode edited = original.deepCopy();
            c.edit().accept(edited);
            JSON.writeValue(dir.resolve("config.json").toFile(), edited);
            assertThatThrownBy(() -> CrossEncoder.load(dir))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("config.json")
                    .hasMessageContaining(c.message());
        }
        // conv_kernel_size 0 means no convolution, as in transformers
        JSON.writeValue(dir.resolve("config.json").toFile(), original.deepCopy().put("conv_kernel_size", 0));
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            assertThat(model.predict(PAIRS)).hasSize(PAIRS.size());
        }
    }

    private void checkGradients(Path dir, List<String> names) throws IOException {
        DebertaReference reference = DebertaReference.load(dir);
        List<TextPair> pairs = PAIRS.subList(0, 3);
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            List<EncodedPair> encoded = model.tokenizer().encode(pairs);
            Map<String, float[]> autograd = DebertaV2FixtureTest.gradientsOfSumOfLogits(model, pairs, names);
            java.util.SplittableRandom random = new java.util.SplittableRandom(7);
            for (String name : names) {
                float[] g = autograd.get(name);
                // the largest entry (a weight the batch surely touches) and four random ones
                int largest = 0;
                for (int i = 1; i < g.length; i++) {
                    largest = Math.abs(g[i]) > Math.abs(g[largest]) ? i : largest;
                }
                int[] entries = {
                    largest,
                    random.nextInt(g.length),
                    random.nextInt(g.length),
                    random.nextInt(g.length),
                    random.nextInt(g.length)
                };
                for (int index : entries) {
                    double h = 1e-4;
                    double fd = (sumOfLogits(reference.withWeight(name, index, h), encoded)
                                    - sumOfLogits(reference.withWeight(name, index, -h), encoded))
                            / (2 * h);
                    assertThat((double) g[index])
                            .as("%s[%d] (finite difference %s)", name, index, fd)
                            .isCloseTo(fd, org.assertj.core.api.Assertions.within(2e-5 + 1e-3 * Math.abs(fd)));
                }
                assertThat(Math.abs(g[largest])).as(name + " has a gradient").isGreaterThan(1e-4f);
            }
        }
    }

    private static double sumOfLogits(DebertaReference reference, List<EncodedPair> encoded) {
        double sum = 0;
        for (EncodedPair e : encoded) {
            long[] mask = new long[e.length()];
            Arrays.fill(mask, 1);
            sum += reference.logits(e.ids(), e.typeIds(), mask)[0];
        }
        return sum;
    }

    /** The reference's logits for {@link #PAIRS}, right-padded as one batch. */
    private static double[][] referenceLogits(CrossEncoder model, Path dir) throws IOException {
        return dev.rerank4j.testing.HfReference.load(dir)
                .logits(model.tokenizer().encode(PAIRS), model.tokenizer().padId());
    }
}
