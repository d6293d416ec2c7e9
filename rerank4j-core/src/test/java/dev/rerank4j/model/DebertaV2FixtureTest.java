package dev.rerank4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.Activation;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.TextPair;
import dev.rerank4j.model.deberta.DebertaV2Config;
import dev.rerank4j.testing.DebertaReference;
import dev.rerank4j.tokenize.EncodedPair;
import dev.rerank4j.tokenize.PaddedBatch;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DeBERTa-v2/v3 against the real transformers: tiny checkpoints, tokenizers, logits and gradients written by
 * {@code src/test/python/make_deberta_fixtures.py} (transformers 5.18, torch 2.13) into
 * {@code fixtures/deberta-v2/}. {@code v3} is the DeBERTa-v3 layout (log buckets, c2p + p2c, shared keys,
 * normalised relative embeddings, no absolute positions, no token types); {@code v2-variant} the other options (own
 * position projections, no buckets with a span short enough to clamp, absolute positions, token types,
 * {@code embed_proj}, tanh pooler).
 */
class DebertaV2FixtureTest {
    private static final Logger LOG = LoggerFactory.getLogger(DebertaV2FixtureTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PredictOptions LOGITS =
            PredictOptions.defaults().withActivation(Activation.IDENTITY).withProgress(ProgressMode.OFF);

    @ParameterizedTest
    @ValueSource(strings = {"v3", "v2-variant"})
    void tokensAndLogitsMatchTransformers(String variant) throws IOException {
        Path dir = fixture(variant);
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
        List<TextPair> pairs = pairs(expected);
        try (CrossEncoder model = CrossEncoder.load(dir, dev.rerank4j.CrossEncoderOptions.defaults())) {
            assertThat(model.config()).isInstanceOf(DebertaV2Config.class);
            List<EncodedPair> encoded = model.tokenizer().encode(pairs);
            for (int i = 0; i < pairs.size(); i++) {
                assertThat(encoded.get(i).ids())
                        .as("ids of pair %d", i)
                        .containsExactly(longs(expected, "input_ids", i));
                assertThat(encoded.get(i).typeIds())
                        .as("token types of pair %d", i)
                        .containsExactly(longs(expected, "token_type_ids", i));
            }
            float[] batched = model.predict(pairs, LOGITS);
            float[] single = model.predict(pairs, LOGITS.withBatchSize(1));
            DebertaReference reference = DebertaReference.load(dir);
            double maxDiff = 0;
            double referenceDiff = 0;
            for (int i = 0; i < pairs.size(); i++) {
                double hf = expected.path("logits").get(i).asDouble();
                maxDiff = Math.max(maxDiff, Math.abs(batched[i] - hf));
                maxDiff = Math.max(
                        maxDiff,
                        Math.abs(
                                single[i] - expected.path("logits_alone").get(i).asDouble()));
                EncodedPair e = encoded.get(i);
                long[] mask = new long[e.length()];
                java.util.Arrays.fill(mask, 1);
                referenceDiff = Math.max(referenceDiff, Math.abs(reference.logits(e.ids(), e.typeIds(), mask)[0] - hf));
            }
            LOG.info(
                    "deberta {} vs transformers: rerank4j max |diff| {}, reference max |diff| {}",
                    variant,
                    maxDiff,
                    referenceDiff);
            assertThat(maxDiff).as("rerank4j vs transformers").isLessThanOrEqualTo(1e-5);
            assertThat(referenceDiff).as("double reference vs transformers").isLessThanOrEqualTo(1e-5);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v3", "v2-variant"})
    void gradientsMatchTransformers(String variant) throws IOException {
        Path dir = fixture(variant);
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
        JsonNode grads = expected.path("gradients_of_sum_of_logits");
        List<String> names = new ArrayList<>();
        grads.fieldNames().forEachRemaining(names::add);
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            Map<String, float[]> got = gradientsOfSumOfLogits(model, pairs(expected), names);
            for (String name : names) {
                double scale = 0;
                double diff = 0;
                for (int i = 0; i < grads.path(name).size(); i++) {
                    double hf = grads.path(name).get(i).asDouble();
                    scale = Math.max(scale, Math.abs(hf));
                    diff = Math.max(diff, Math.abs(got.get(name)[i] - hf));
                }
                LOG.info("deberta {} gradient {}: max |grad| {}, max |diff| {}", variant, name, scale, diff);
                assertThat(got.get(name)).hasSize(grads.path(name).size());
                assertThat(scale).as(name).isGreaterThan(1e-4);
                assertThat(diff).as(name).isLessThanOrEqualTo(1e-5 + 1e-5 * scale);
            }
        }
    }

    /**
     * The gradients of {@code sum(logits)} over {@code pairs} (one right-padded batch, no dropout) for the named
     * weights, through rerank4j's network and libtorch autograd.
     */
    @SuppressWarnings("try")
    static Map<String, float[]> gradientsOfSumOfLogits(CrossEncoder model, List<TextPair> pairs, List<String> names) {
        Network network = model.architecture().network(model.config().withDropout(0f, 0f));
        Parameters params = model.parameters();
        params.all().values().forEach(p -> p.setRequiresGradient(true));
        PaddedBatch batch = model.tokenizer().pad(model.tokenizer().encode(pairs), network.usesTokenTypes());
        Shape shape = new Shape(batch.batch(), batch.seqLen());
        Map<String, float[]> out = new LinkedHashMap<>();
        try (NDManager m = model.root().newSubManager();
                NDScope scope = new NDScope();
                GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            Inputs in = new Inputs(
                    m.create(batch.ids(), shape),
                    m.create(batch.typeIds(), shape),
                    m.create(batch.attentionMask(), shape));
            NDArray logits = network.logits(params, network.hiddenStates(params, in, Mode.TRAINING), Mode.TRAINING);
            gc.backward(logits.sum());
            for (String name : names) {
                try (NDArray g = params.get(name).getGradient()) {
                    out.put(name, g.toFloatArray());
                }
            }
        }
        return out;
    }

    static Path fixtureRoot() {
        try {
            return Path.of(DebertaV2FixtureTest.class
                    .getResource("/fixtures/deberta-v2")
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path fixture(String variant) {
        return fixtureRoot().resolve(variant);
    }

    private static List<TextPair> pairs(JsonNode expected) {
        List<TextPair> pairs = new ArrayList<>();
        expected.path("pairs")
                .forEach(p -> pairs.add(new TextPair(p.get(0).asText(), p.get(1).asText())));
        return pairs;
    }

    private static long[] longs(JsonNode expected, String field, int row) {
        JsonNode n = expected.path(field).get(row);
        long[] out = new long[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.get(i).asLong();
        }
        return out;
    }
}
