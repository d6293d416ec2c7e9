package dev.rerank4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.Activation;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.TextPair;
import dev.rerank4j.tokenize.EncodedPair;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parity with the real transformers: a tiny random {@code ModernBertForSequenceClassification} saved by transformers
 * 5.x ({@code src/test/python/make_modernbert_fixtures.py}; the newer {@code rope_parameters}/{@code layer_types}
 * config form, mean pooling, a window of 8 tokens) with its byte-level BPE tokenizer, and the same weights under the
 * original config keys with cls pooling: token ids, logits and BCE gradients as transformers computed them.
 */
class ModernBertFixtureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PredictOptions LOGITS =
            PredictOptions.defaults().withActivation(Activation.IDENTITY).withProgress(ProgressMode.OFF);

    @TempDir
    Path tmp;

    @Test
    void tokensLogitsAndGradientsMatchTransformers() throws IOException {
        Path dir = copyFixture();
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
        List<TextPair> pairs = pairs(expected);
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            List<EncodedPair> encoded = model.tokenizer().encode(pairs);
            for (int i = 0; i < pairs.size(); i++) {
                assertThat(encoded.get(i).ids())
                        .as("token ids of pair %d", i)
                        .containsExactly(longs(expected.path("input_ids").get(i)));
            }
            double diff = maxDiff(model.predictLabels(pairs, LOGITS), expected.path("logits"));
            assertThat(diff).as("max |logit - transformers|").isLessThanOrEqualTo(1e-5);

            float[] labels = new float[pairs.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = (float) expected.path("labels").get(i).asDouble();
            }
            List<String> names = new ArrayList<>();
            expected.path("gradients").fieldNames().forEachRemaining(names::add);
            ModernBertGradients.Result r = ModernBertGradients.of(model, pairs, z -> bce(z, labels), names);
            assertThat(r.loss())
                    .isCloseTo(expected.path("loss").asDouble(), org.assertj.core.api.Assertions.within(1e-5));
            for (String name : names) {
                JsonNode want = expected.path("gradients").path(name);
                double scale = 0;
                double worst = 0;
                for (int i = 0; i < want.size(); i++) {
                    scale = Math.max(scale, Math.abs(want.get(i).asDouble()));
                    worst = Math.max(
                            worst,
                            Math.abs(want.get(i).asDouble() - r.gradients().get(name)[i]));
                }
                assertThat(scale)
                        .as("gradient of %s is not trivially zero", name)
                        .isGreaterThan(1e-6);
                assertThat(worst)
                        .as("max |gradient - transformers| of %s (scale %s)", name, scale)
                        .isLessThanOrEqualTo(1e-5 + 1e-4 * scale);
            }
        }
    }

    @Test
    void theOriginalConfigKeysWithClsPoolingMatchTransformers() throws IOException {
        Path dir = copyFixture();
        Files.copy(dir.resolve("config-legacy.json"), dir.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING);
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            double diff = maxDiff(model.predictLabels(pairs(expected), LOGITS), expected.path("legacy_logits"));
            assertThat(diff).as("max |logit - transformers|, legacy config").isLessThanOrEqualTo(1e-5);
        }
    }

    private static NDArray bce(NDArray logits, float[] labels) {
        NDArray z = logits.reshape(-1);
        NDArray y = z.getManager().create(labels);
        return ai.djl.nn.Activation.softPlus(z).sub(z.mul(y)).mean();
    }

    private Path copyFixture() throws IOException {
        Path src;
        try {
            src = Path.of(getClass()
                            .getResource("/fixtures/modernbert/config.json")
                            .toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        Path dir = tmp.resolve("modernbert");
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    private static List<TextPair> pairs(JsonNode expected) {
        List<TextPair> pairs = new ArrayList<>();
        expected.path("pairs")
                .forEach(p -> pairs.add(new TextPair(p.get(0).asText(), p.get(1).asText())));
        return pairs;
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    static double maxDiff(float[][] actual, JsonNode expected) {
        assertThat(actual).hasNumberOfRows(expected.size());
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).hasSize(expected.get(i).size());
            for (int j = 0; j < actual[i].length; j++) {
                max = Math.max(
                        max, Math.abs(actual[i][j] - expected.get(i).get(j).asDouble()));
            }
        }
        return max;
    }
}
