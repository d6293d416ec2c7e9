package dev.rerank4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.TextPair;
import dev.rerank4j.testing.HfDecoderReference;
import dev.rerank4j.tokenize.EncodedPair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gradients of the Qwen3 / Qwen2 causal-LM reranker (the decoder, the tied LM-head rows, LogitScore) through libtorch
 * autograd, on the fixtures' tiny random models: against the BCE gradient transformers computed when the fixture was
 * made ({@code expected.json}: loss and the first 64 values of {@code model.layers.1.mlp.down_proj.weight}'s gradient,
 * labels 1, 0, 1, 0, one left-padded batch), and against central finite differences of the independent
 * double-precision reference ({@link HfDecoderReference}) for weights of every kind.
 */
class Qwen3GradientTest {
    private static final Logger LOG = LoggerFactory.getLogger(Qwen3GradientTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final float[] LABELS = {1, 0, 1, 0};

    @ParameterizedTest
    @ValueSource(strings = {"causal", "qwen2"})
    void bceGradientMatchesTransformers(String name) throws IOException {
        Path dir = Qwen3RerankerTest.fixture(name);
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
        JsonNode gradient = expected.get("gradient");
        String probe = gradient.get("name").asText();
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            ModernBertGradients.Result r = ModernBertGradients.of(
                    model, Qwen3RerankerTest.pairs(expected), Qwen3GradientTest::bce, List.of(probe));
            assertThat(r.loss()).isCloseTo(expected.get("bce_loss").asDouble(), within(1e-6));
            float[] g = r.gradients().get(probe);
            double max = 0;
            double scale = 0;
            for (int i = 0; i < gradient.get("values").size(); i++) {
                double want = gradient.get("values").get(i).asDouble();
                max = Math.max(max, Math.abs(g[i] - want));
                scale = Math.max(scale, Math.abs(want));
            }
            LOG.info(
                    "{}: BCE gradient of {}: max |rerank4j - transformers| = {} (largest value {})",
                    name,
                    probe,
                    max,
                    scale);
            assertThat(scale).isGreaterThan(1e-3); // the probe's gradient is not vanishing
            assertThat(max).isLessThanOrEqualTo(1e-6);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"causal", "qwen2"})
    void gradientsMatchFiniteDifferencesOfTheReference(String name) throws IOException {
        Path dir = Qwen3RerankerTest.fixture(name);
        List<TextPair> pairs = Qwen3RerankerTest.pairs(
                JSON.readTree(dir.resolve("expected.json").toFile()));
        List<String> names = new ArrayList<>(List.of(
                "model.embed_tokens.weight", // the tied LM head as well: the yes/no rows get both gradients
                "model.layers.0.input_layernorm.weight",
                "model.layers.0.self_attn.q_proj.weight",
                "model.layers.0.self_attn.k_proj.weight",
                "model.layers.0.self_attn.v_proj.weight",
                "model.layers.1.self_attn.o_proj.weight",
                "model.layers.1.post_attention_layernorm.weight",
                "model.layers.0.mlp.gate_proj.weight",
                "model.layers.1.mlp.up_proj.weight",
                "model.layers.1.mlp.down_proj.weight",
                "model.norm.weight"));
        if (name.equals("qwen2")) {
            names.add("model.layers.1.self_attn.q_proj.bias");
            names.add("model.layers.0.self_attn.v_proj.bias");
        } else {
            names.add("model.layers.0.self_attn.q_norm.weight");
            names.add("model.layers.1.self_attn.k_norm.weight");
        }
        HfDecoderReference reference = HfDecoderReference.load(dir);
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            ModernBertGradients.Result r = ModernBertGradients.of(model, pairs, Qwen3GradientTest::bce, names);
            List<EncodedPair> encoded = model.tokenizer().encode(pairs);
            assertThat(r.loss()).isCloseTo(bce(reference, encoded), within(1e-6));
            Random pick = new Random(11);
            double worst = 0;
            for (String weight : names) {
                float[] g = r.gradients().get(weight);
                int index = largest(g, pick);
                double h = 1e-3;
                double fd = (bce(reference.perturbed(weight, index, (float) h), encoded)
                                - bce(reference.perturbed(weight, index, (float) -h), encoded))
                        / (2 * h);
                assertThat(Math.abs(fd))
                        .as("finite difference of %s[%d]", weight, index)
                        .isGreaterThan(1e-4);
                double error = Math.abs(g[index] - fd);
                worst = Math.max(worst, error / (Math.abs(fd) + 1e-4));
                assertThat((double) g[index])
                        .as("d loss / d %s[%d]", weight, index)
                        .isCloseTo(fd, within(2e-3 * Math.abs(fd) + 1e-5));
            }
            LOG.info(
                    "{}: autograd vs finite differences of the reference, worst |g - fd| / (|fd| + 1e-4) = {}",
                    name,
                    worst);
        }
    }

    /** Mean BCE-with-logits of the scores [4, 1] against labels 1, 0, 1, 0: (1 - y) z + softplus(-z). */
    static NDArray bce(NDArray scores) {
        NDArray z = scores.reshape(-1);
        NDArray y = z.getManager().create(LABELS);
        NDArray softplus = ai.djl.nn.Activation.softPlus(z.neg());
        return y.neg().add(1f).mul(z).add(softplus).mean();
    }

    /** The same loss in double precision, each pair unpadded through the reference. */
    private static double bce(HfDecoderReference reference, List<EncodedPair> pairs) {
        double sum = 0;
        for (int i = 0; i < pairs.size(); i++) {
            double z = reference.logits(pairs.get(i).ids())[0];
            double softplus = Math.max(-z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
            sum += (1 - LABELS[i]) * z + softplus;
        }
        return sum / pairs.size();
    }

    /** An element with a large gradient, chosen at random among the top ones. */
    private static int largest(float[] g, Random pick) {
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
}
