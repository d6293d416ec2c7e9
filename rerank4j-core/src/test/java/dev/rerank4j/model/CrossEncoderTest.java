package dev.rerank4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.Activation;
import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.RankOptions;
import dev.rerank4j.RankedDocument;
import dev.rerank4j.TextPair;
import dev.rerank4j.io.ModelWeights;
import dev.rerank4j.testing.TinyModels;
import dev.rerank4j.testing.TinyModels.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CrossEncoderTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static final List<TextPair> PAIRS = List.of(
            new TextPair("how many people live in berlin?", "berlin is the capital of germany."),
            new TextPair("what is the capital of france?", "paris is the capital of france."),
            new TextPair("the cat", "the dog sat on the mat and the cat sat on the dog, who is a good dog."),
            new TextPair("who", "a"),
            new TextPair("where is the mat?", "the mat is in paris."));

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void scoresAreSigmoidProbabilitiesIndependentOfBatching(Architecture a) {
        try (CrossEncoder model = CrossEncoder.load(TinyModels.reranker(tmp.resolve("m"), a))) {
            assertThat(model.numLabels()).isEqualTo(1);
            assertThat(model.activation()).isEqualTo(Activation.SIGMOID);
            assertThat(model.freshlyInitialised()).isEmpty();
            float[] batched = model.predict(PAIRS);
            float[] single = model.predict(PAIRS, PredictOptions.defaults().withBatchSize(1));
            assertThat(batched).hasSize(PAIRS.size());
            for (int i = 0; i < batched.length; i++) {
                assertThat(batched[i]).isStrictlyBetween(0f, 1f);
                // Padding must not change a pair's score (masking; RoBERTa positions counted per row).
                assertThat(batched[i]).isCloseTo(single[i], within(1e-6f));
                assertThat(model.predict(PAIRS.get(i))).isCloseTo(single[i], within(1e-6f));
            }
            float[] logits = model.predict(PAIRS, PredictOptions.defaults().withActivation(Activation.IDENTITY));
            for (int i = 0; i < logits.length; i++) {
                assertThat(Activation.SIGMOID.apply(logits[i])).isCloseTo(batched[i], within(1e-6f));
            }
            assertThat(batched[0]).isNotEqualTo(batched[1]);
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void saveThenLoadGivesBitwiseIdenticalScores(Architecture a) throws IOException {
        Path saved = tmp.resolve("saved");
        float[] before;
        try (CrossEncoder model = CrossEncoder.load(TinyModels.reranker(tmp.resolve("m"), a))) {
            before = model.predict(PAIRS);
            model.save(saved);
        }
        try (CrossEncoder reloaded = CrossEncoder.load(saved)) {
            assertThat(reloaded.predict(PAIRS)).containsExactly(before);
            assertThat(reloaded.freshlyInitialised()).isEmpty();
            assertThat(reloaded.architecture()).isEqualTo(a);
        }
        assertThat(Files.list(saved).map(p -> p.getFileName().toString()))
                .contains(
                        "config.json",
                        "model.safetensors",
                        "tokenizer.json",
                        "tokenizer_config.json",
                        "special_tokens_map.json",
                        "README.md",
                        "config_sentence_transformers.json",
                        "modules.json",
                        "sentence_bert_config.json");
        JsonNode config = JSON.readTree(saved.resolve("config.json").toFile());
        assertThat(config.path("architectures").get(0).asText()).isEqualTo(a.classificationClass());
        assertThat(config.path("sentence_transformers").path("activation_fn").asText())
                .isEqualTo("torch.nn.modules.activation.Sigmoid");
        assertThat(config.path("sentence_transformers").path("version").asText())
                .isEqualTo("6.0.0");
        assertThat(config.path("id2label").size()).isEqualTo(1);
        JsonNode st =
                JSON.readTree(saved.resolve("config_sentence_transformers.json").toFile());
        assertThat(st.path("model_type").asText()).isEqualTo("CrossEncoder");
        assertThat(st.path("activation_fn").asText()).isEqualTo("torch.nn.modules.activation.Sigmoid");
        // The weights are stored under the transformers names of the classification model.
        assertThat(ModelWeights.load(saved).keySet())
                .containsExactlyInAnyOrderElementsOf(a.network(reloadConfig(saved)).parameterSpecs().stream()
                        .map(ParamSpec::name)
                        .toList());
        assertThat(Files.list(tmp)).noneMatch(dev.rerank4j.io.TempPaths::isTemporary);
    }

    private static ModelConfig reloadConfig(Path dir) {
        return ModelConfig.read(dir);
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void aBaseModelGetsASeededFreshHead(Architecture a) {
        Path dir = TinyModels.write(tmp.resolve("base"), a, Checkpoint.BASE_MODEL, 1, 3);
        float[] first;
        Path saved = tmp.resolve("saved");
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            assertThat(model.numLabels()).isEqualTo(1);
            assertThat(model.freshlyInitialised()).isNotEmpty().allMatch(n -> !n.contains(".encoder."));
            first = model.predict(PAIRS);
            model.save(saved);
        }
        try (CrossEncoder again = CrossEncoder.load(dir)) {
            assertThat(again.predict(PAIRS)).containsExactly(first);
        }
        try (CrossEncoder other =
                CrossEncoder.load(dir, CrossEncoderOptions.defaults().withSeed(99))) {
            assertThat(other.predict(PAIRS)).isNotEqualTo(first);
        }
        try (CrossEncoder reloaded = CrossEncoder.load(saved)) {
            assertThat(reloaded.freshlyInitialised()).isEmpty();
            assertThat(reloaded.predict(PAIRS)).containsExactly(first);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Architecture.class,
            names = {"BERT", "XLM_ROBERTA"})
    void multiLabelModelsReturnRowsAndDefaultToIdentity(Architecture a) {
        Path dir = TinyModels.write(tmp.resolve("nli"), a, Checkpoint.WITH_HEAD, 3, 5);
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            assertThat(model.numLabels()).isEqualTo(3);
            assertThat(model.activation()).isEqualTo(Activation.IDENTITY);
            float[][] rows = model.predictLabels(PAIRS, PredictOptions.defaults());
            assertThat(rows).hasNumberOfRows(PAIRS.size());
            for (float[] r : rows) {
                assertThat(r).hasSize(3);
            }
            float[][] soft =
                    model.predictLabels(PAIRS, PredictOptions.defaults().withSoftmax(true));
            for (int i = 0; i < soft.length; i++) {
                double sum = soft[i][0] + soft[i][1] + soft[i][2];
                assertThat(sum).isCloseTo(1.0, within(1e-6));
                double z = Math.exp(rows[i][0]) + Math.exp(rows[i][1]) + Math.exp(rows[i][2]);
                assertThat((double) soft[i][1]).isCloseTo(Math.exp(rows[i][1]) / z, within(1e-6));
            }
            assertThatThrownBy(() -> model.predict(PAIRS))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("this one has 3");
            assertThatThrownBy(() -> model.rank("q", List.of("a"), RankOptions.defaults()))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Architecture.class,
            names = {"BERT"})
    void rankSortsByScoreWithTopKAndTexts(Architecture a) {
        try (CrossEncoder model = CrossEncoder.load(TinyModels.reranker(tmp.resolve("m"), a))) {
            List<String> docs = PAIRS.stream().map(TextPair::document).toList();
            float[] scores = model.predict(
                    docs.stream().map(d -> new TextPair("the query", d)).toList());
            List<RankedDocument> all = model.rank("the query", docs, RankOptions.defaults());
            assertThat(all).hasSize(docs.size());
            for (int i = 1; i < all.size(); i++) {
                assertThat(all.get(i - 1).score())
                        .isGreaterThanOrEqualTo(all.get(i).score());
            }
            for (RankedDocument r : all) {
                assertThat(r.score()).isEqualTo(scores[r.corpusId()]);
                assertThat(r.text()).isEmpty();
            }
            List<RankedDocument> top = model.rank(
                    "the query", docs, RankOptions.defaults().withTopK(2).withDocuments(true));
            assertThat(top).hasSize(2);
            assertThat(top.get(0).text()).contains(docs.get(top.get(0).corpusId()));
            assertThat(top.get(0).corpusId()).isEqualTo(all.get(0).corpusId());
            assertThat(model.rank("q", List.of(), RankOptions.defaults())).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Architecture.class,
            names = {"DISTILBERT"})
    void inputOrderIsRestoredAcrossTokenizationWindows(Architecture a) {
        List<TextPair> many = new ArrayList<>();
        for (int i = 0; i < 2300; i++) {
            many.add(new TextPair("query " + (i % 7), "the dog ".repeat(1 + i % 23) + "sat on mat " + (i % 5)));
        }
        try (CrossEncoder model = CrossEncoder.load(TinyModels.reranker(tmp.resolve("m"), a))) {
            float[] all = model.predict(many, PredictOptions.defaults().withBatchSize(16));
            for (int i = 0; i < many.size(); i += 97) {
                assertThat(all[i]).isCloseTo(model.predict(many.get(i)), within(1e-6f));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Architecture.class,
            names = {"ROBERTA"})
    void scoringIsThreadSafe(Architecture a) throws Exception {
        try (CrossEncoder model = CrossEncoder.load(TinyModels.reranker(tmp.resolve("m"), a))) {
            float[] expected = model.predict(PAIRS);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<float[]>> results = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    results.add(pool.submit(
                            () -> model.predict(PAIRS, PredictOptions.defaults().withBatchSize(2))));
                }
                for (Future<float[]> f : results) {
                    float[] got = f.get();
                    for (int i = 0; i < got.length; i++) {
                        assertThat(got[i]).isCloseTo(expected[i], within(1e-6f));
                    }
                }
            } finally {
                pool.shutdown();
            }
        }
    }
}
