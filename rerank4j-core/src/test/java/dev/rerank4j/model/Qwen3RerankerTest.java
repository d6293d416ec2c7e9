package dev.rerank4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.Activation;
import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.TextPair;
import dev.rerank4j.io.ModelWeights;
import dev.rerank4j.testing.HfDecoderReference;
import dev.rerank4j.tokenize.ChatTemplateTokenizer;
import dev.rerank4j.tokenize.EncodedPair;
import dev.rerank4j.tokenize.PaddedBatch;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Causal-LM rerankers (Qwen3ForCausalLM, Qwen2ForCausalLM + sentence-transformers' LogitScore) and the converted
 * Qwen3ForSequenceClassification against fixtures made by the real transformers 5.18 / sentence-transformers 6.0.1
 * ({@code src/test/python/make_qwen3_fixtures.py}): the token ids of the chat template, the scores, with and
 * without an instruction; left padding; truncation that keeps the answer cue; the saved layout.
 */
class Qwen3RerankerTest {
    private static final Logger LOG = LoggerFactory.getLogger(Qwen3RerankerTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PredictOptions RAW =
            PredictOptions.defaults().withActivation(Activation.IDENTITY).withProgress(ProgressMode.OFF);

    @TempDir
    Path tmp;

    static Path fixture(String name) {
        try {
            return Path.of(Qwen3RerankerTest.class
                    .getResource("/fixtures/qwen3/" + name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<TextPair> pairs(JsonNode expected) {
        List<TextPair> out = new ArrayList<>();
        expected.get("pairs")
                .forEach(p -> out.add(new TextPair(p.get(0).asText(), p.get(1).asText())));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"causal", "qwen2"})
    void causalLmMatchesSentenceTransformersTokensAndScores(String name) throws IOException {
        Path dir = fixture(name);
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
        List<TextPair> pairs = pairs(expected);
        String instruction = expected.get("instruction").asText();
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            assertThat(model.numLabels()).isEqualTo(1);
            assertThat(model.activation()).isEqualTo(Activation.SIGMOID);
            assertThat(model.freshlyInitialised()).isEmpty();
            assertThat(model.tokenizer()).isInstanceOf(ChatTemplateTokenizer.class);
            List<EncodedPair> plain = model.tokenizer().encode(pairs);
            List<EncodedPair> instructed = model.tokenizer().encode(pairs, Optional.of(instruction));
            float[] scores = column(model.predictLabels(pairs, RAW));
            float[] instructedScores = column(model.predictLabels(pairs, RAW.withPrompt(instruction)));
            double max = 0;
            for (int i = 0; i < pairs.size(); i++) {
                JsonNode row = expected.get("rows").get(i);
                JsonNode rowInstructed = expected.get("rows").get(i + pairs.size());
                assertThat(plain.get(i).ids()).as("token ids of pair %d", i).containsExactly(longs(row));
                assertThat(instructed.get(i).ids()).as("instructed ids %d", i).containsExactly(longs(rowInstructed));
                max = Math.max(max, Math.abs(scores[i] - row.get("score").asDouble()));
                max = Math.max(
                        max,
                        Math.abs(
                                instructedScores[i] - rowInstructed.get("score").asDouble()));
            }
            LOG.info("{}: max |rerank4j - sentence-transformers| = {}", name, max);
            assertThat(max).isLessThanOrEqualTo(1e-5);
            float[] sigmoid = model.predict(pairs, PredictOptions.defaults().withProgress(ProgressMode.OFF));
            for (int i = 0; i < pairs.size(); i++) {
                assertThat((double) sigmoid[i])
                        .isCloseTo(expected.get("sigmoid_scores").get(i).asDouble(), within(1e-6));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"causal", "qwen2"})
    void theDoublePrecisionReferenceAgreesWithBothImplementations(String name) throws IOException {
        Path dir = fixture(name);
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
        HfDecoderReference reference = HfDecoderReference.load(dir);
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            List<TextPair> pairs = pairs(expected);
            float[] scores = column(model.predictLabels(pairs, RAW));
            double toPython = 0;
            double toRerank4j = 0;
            for (int i = 0; i < pairs.size(); i++) {
                double ref = reference.logits(longs(expected.get("rows").get(i)))[0];
                toPython = Math.max(
                        toPython,
                        Math.abs(ref - expected.get("rows").get(i).get("score").asDouble()));
                toRerank4j = Math.max(toRerank4j, Math.abs(ref - scores[i]));
            }
            LOG.info("{}: reference vs transformers {}, vs rerank4j {}", name, toPython, toRerank4j);
            assertThat(toPython).isLessThanOrEqualTo(1e-5);
            assertThat(toRerank4j).isLessThanOrEqualTo(1e-5);
        }
    }

    @Test
    void convertedSequenceClassifierMatchesTransformers() throws IOException {
        Path dir = fixture("seqcls");
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
        List<TextPair> pairs = pairs(expected);
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            assertThat(model.numLabels()).isEqualTo(3);
            assertThat(model.tokenizer()).isInstanceOf(ChatTemplateTokenizer.class);
            List<EncodedPair> encoded = model.tokenizer().encode(pairs);
            float[][] logits = model.predictLabels(pairs, RAW);
            double max = 0;
            for (int i = 0; i < pairs.size(); i++) {
                JsonNode row = expected.get("rows").get(i);
                assertThat(encoded.get(i).ids()).containsExactly(longs(row));
                for (int j = 0; j < 3; j++) {
                    max = Math.max(
                            max,
                            Math.abs(logits[i][j] - row.get("logits").get(j).asDouble()));
                }
            }
            LOG.info("seqcls: max |rerank4j - transformers| = {}", max);
            assertThat(max).isLessThanOrEqualTo(1e-5);
        }
    }

    @Test
    void batchesAreLeftPaddedAndAPairScoresTheSameAloneAndPadded() throws IOException {
        Path dir = fixture("causal");
        List<TextPair> pairs = pairs(JSON.readTree(dir.resolve("expected.json").toFile()));
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            List<EncodedPair> encoded = model.tokenizer().encode(pairs);
            PaddedBatch batch = model.tokenizer().pad(encoded, false);
            int shortest = encoded.stream().mapToInt(EncodedPair::length).min().orElseThrow();
            int row = encoded.stream().map(EncodedPair::length).toList().indexOf(shortest);
            assertThat(batch.seqLen() - shortest).isGreaterThan(5);
            assertThat(batch.attentionMask()[row * batch.seqLen()])
                    .as("padding on the left")
                    .isZero();
            assertThat(batch.attentionMask()[row * batch.seqLen() + batch.seqLen() - 1])
                    .isEqualTo(1L);
            assertThat(batch.ids()[row * batch.seqLen()])
                    .isEqualTo(model.tokenizer().padId());
            float[] together = column(model.predictLabels(pairs, RAW));
            float[] alone = column(model.predictLabels(pairs, RAW.withBatchSize(1)));
            for (int i = 0; i < pairs.size(); i++) {
                assertThat(together[i]).isCloseTo(alone[i], within(2e-5f));
            }
        }
    }

    @Test
    void truncationCutsTheDocumentThenTheQueryAndKeepsTheAnswerCue() throws IOException {
        Path dir = fixture("causal");
        String document = "the dog sat on the mat and the cat sat on the dog. ".repeat(30);
        String query = "where is the cat? ".repeat(30);
        TextPair longDocument = new TextPair("where is the cat?", document);
        TextPair longBoth = new TextPair(query, document);
        List<EncodedPair> full;
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            full = model.tokenizer().encode(List.of(longDocument, longBoth, new TextPair("who", "a")));
        }
        try (CrossEncoder model =
                CrossEncoder.load(dir, CrossEncoderOptions.defaults().withMaxLength(160))) {
            List<EncodedPair> cut = model.tokenizer().encode(List.of(longDocument, longBoth, new TextPair("who", "a")));
            for (int i = 0; i < 2; i++) {
                assertThat(cut.get(i).truncated()).isTrue();
                assertThat(cut.get(i).length()).isEqualTo(160);
                long[] all = full.get(i).ids();
                long[] kept = cut.get(i).ids();
                assertThat(Arrays.copyOfRange(kept, kept.length - 12, kept.length))
                        .as("the answer cue survives")
                        .containsExactly(Arrays.copyOfRange(all, all.length - 12, all.length));
                assertThat(Arrays.copyOfRange(kept, 0, 40)).containsExactly(Arrays.copyOfRange(all, 0, 40));
            }
            assertThat(cut.get(2)).isEqualTo(full.get(2));
            float[] scores = model.predict(List.of(longDocument, longBoth));
            for (float s : scores) {
                assertThat(s).isStrictlyBetween(0f, 1f);
            }
        }
    }

    @Test
    void savesTheSentenceTransformersCausalLayoutAndLoadsItBack() throws IOException {
        Path dir = fixture("causal");
        Path saved = tmp.resolve("saved");
        List<TextPair> pairs = pairs(JSON.readTree(dir.resolve("expected.json").toFile()));
        float[] before;
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            before = model.predict(pairs);
            model.save(saved);
        }
        JsonNode modules = JSON.readTree(saved.resolve("modules.json").toFile());
        assertThat(modules.get(1).get("type").asText()).endsWith("logit_score.LogitScore");
        assertThat(modules.get(1).get("path").asText()).isEqualTo("1_LogitScore");
        assertThat(JSON.readTree(saved.resolve("sentence_bert_config.json").toFile())
                        .get("transformer_task")
                        .asText())
                .isEqualTo("text-generation");
        assertThat(JSON.readTree(saved.resolve("1_LogitScore/config.json").toFile()))
                .isEqualTo(JSON.readTree(dir.resolve("1_LogitScore/config.json").toFile()));
        assertThat(Files.readString(saved.resolve("chat_template.jinja")))
                .isEqualTo(Files.readString(dir.resolve("chat_template.jinja")));
        assertThat(JSON.readTree(saved.resolve("config.json").toFile())
                        .get("architectures")
                        .get(0)
                        .asText())
                .isEqualTo("Qwen3ForCausalLM");
        assertThat(ModelWeights.load(saved))
                .doesNotContainKey("lm_head.weight")
                .containsKey("model.embed_tokens.weight");
        try (CrossEncoder reloaded = CrossEncoder.load(saved)) {
            assertThat(reloaded.predict(pairs)).containsExactly(before);
        }
    }

    @Test
    void aSavedDefaultPromptIsTheInstructionAndSurvivesSaving() throws IOException {
        Path dir = copy(fixture("causal"), tmp.resolve("prompted"));
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
        var config = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(dir.resolve("config_sentence_transformers.json").toFile());
        config.putObject("prompts").put("animals", expected.get("instruction").asText());
        config.put("default_prompt_name", "animals");
        JSON.writeValue(dir.resolve("config_sentence_transformers.json").toFile(), config);
        List<TextPair> pairs = pairs(expected);
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            float[] scores = column(model.predictLabels(pairs, RAW));
            float[] named = column(model.predictLabels(pairs, RAW.withPromptName("animals")));
            for (int i = 0; i < pairs.size(); i++) {
                double want =
                        expected.get("rows").get(i + pairs.size()).get("score").asDouble();
                assertThat((double) scores[i]).isCloseTo(want, within(1e-5));
                assertThat(named[i]).isEqualTo(scores[i]);
            }
            model.save(tmp.resolve("saved"));
        }
        JsonNode saved = JSON.readTree(
                tmp.resolve("saved/config_sentence_transformers.json").toFile());
        assertThat(saved.get("default_prompt_name").asText()).isEqualTo("animals");
        assertThat(saved.get("prompts").get("animals").asText())
                .isEqualTo(expected.get("instruction").asText());
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }

    private static long[] longs(JsonNode row) {
        long[] out = new long[row.get("input_ids").size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = row.get("input_ids").get(i).asLong();
        }
        return out;
    }

    private static float[] column(float[][] rows) {
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][0];
        }
        return out;
    }
}
