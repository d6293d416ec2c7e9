package dev.rerank4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.Activation;
import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.TextPair;
import dev.rerank4j.io.ModelWeights;
import dev.rerank4j.io.Tensor;
import dev.rerank4j.testing.HfReference;
import dev.rerank4j.testing.TinyModels;
import dev.rerank4j.testing.TinyModels.Checkpoint;
import dev.rerank4j.tokenize.EncodedPair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * rerank4j's logits against {@link HfReference}, an independent double-precision implementation of transformers'
 * {@code *ForSequenceClassification} forward pass, for every architecture, on batches with padding.
 */
class ReferenceForwardTest {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceForwardTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TOLERANCE = 1e-4;
    private static final PredictOptions LOGITS =
            PredictOptions.defaults().withActivation(Activation.IDENTITY).withProgress(ProgressMode.OFF);

    /** Pairs of very different lengths, so one batch pads most rows. */
    static final List<TextPair> PAIRS = List.of(
            new TextPair("how many people live in berlin?", "berlin is the capital of germany."),
            new TextPair("who", "a"),
            new TextPair("the cat", "the dog sat on the mat and the cat sat on the dog, who is a good dog."),
            new TextPair("what is the capital of france?", "paris is the capital of france."),
            new TextPair("where is the mat?", "the mat is in paris, where the cat and the dog sat."),
            new TextPair("dog", "cat"));

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void checkpointWithHeadAndThreeLabelsMatchesTheReference(Architecture a) throws IOException {
        Path dir = TinyModels.write(tmp.resolve("m"), a, Checkpoint.WITH_HEAD, 3, 11);
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            assertThat(model.numLabels()).isEqualTo(3);
            report(a + " with head, 3 labels", compare(model, dir, PAIRS));
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void freshHeadOfABaseModelMatchesTheReferenceOnceSaved(Architecture a) throws IOException {
        Path dir = TinyModels.write(tmp.resolve("base"), a, Checkpoint.BASE_MODEL, 1, 13);
        Path saved = tmp.resolve("saved");
        try (CrossEncoder model =
                CrossEncoder.load(dir, CrossEncoderOptions.defaults().withNumLabels(2))) {
            assertThat(model.freshlyInitialised()).isNotEmpty();
            model.save(saved);
            report(a + " fresh head (in memory)", compare(model, saved, PAIRS));
        }
        try (CrossEncoder reloaded = CrossEncoder.load(saved)) {
            assertThat(reloaded.freshlyInitialised()).isEmpty();
            assertThat(reloaded.numLabels()).isEqualTo(2);
            report(a + " fresh head (reloaded)", compare(reloaded, saved, PAIRS));
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void pairTruncatedAtTheMaximumLengthUsesTheLastPositions(Architecture a) throws IOException {
        Path dir = TinyModels.write(tmp.resolve("m"), a, Checkpoint.WITH_HEAD, 1, 17);
        String longDocument = "the dog sat on the mat and the cat sat on the dog. ".repeat(20);
        List<TextPair> pairs =
                List.of(new TextPair("where is the cat?", longDocument), new TextPair("who", "a"), PAIRS.get(0));
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            EncodedPair longest = model.tokenizer().encode(pairs).get(0);
            assertThat(longest.truncated()).isTrue();
            // Every position the model has is used: 64 positions (RoBERTa: 66 rows, 2 below the first position).
            assertThat(longest.length()).isEqualTo(model.maxLength()).isEqualTo(64);
            report(a + " truncated at " + model.maxLength(), compare(model, dir, pairs));
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Architecture.class,
            names = {"ROBERTA", "XLM_ROBERTA"})
    void robertaPositionIdsSkipThePaddingOfABatch(Architecture a) throws IOException {
        Path dir = TinyModels.write(tmp.resolve("m"), a, Checkpoint.WITH_HEAD, 1, 19);
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            List<EncodedPair> encoded = model.tokenizer().encode(PAIRS);
            int shortest = encoded.stream().mapToInt(EncodedPair::length).min().orElseThrow();
            int longest = encoded.stream().mapToInt(EncodedPair::length).max().orElseThrow();
            assertThat(longest - shortest).isGreaterThan(10);
            report(a + " padded batch", compare(model, dir, PAIRS));
            // In transformers a row's logits do not depend on how much padding follows it.
            HfReference reference = HfReference.load(dir);
            double[][] batch = reference.logits(encoded, model.tokenizer().padId());
            for (int i = 0; i < encoded.size(); i++) {
                double alone = reference
                        .logits(List.of(encoded.get(i)), model.tokenizer().padId())[0][0];
                assertThat(Math.abs(alone - batch[i][0])).isLessThan(1e-9);
            }
        }
    }

    @Test
    void electraProjectsSmallerEmbeddingsToTheHiddenSize() throws IOException {
        Path dir = TinyModels.write(tmp.resolve("m"), Architecture.ELECTRA, Checkpoint.WITH_HEAD, 2, 23);
        Tensor project = ModelWeights.load(dir).get("electra.embeddings_project.weight");
        assertThat(project.shape()).containsExactly(32, 16);
        assertThat(HfReference.load(dir).config().embeddingSize()).isEqualTo(16);
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            report("ELECTRA embedding_size 16 -> hidden 32", compare(model, dir, PAIRS));
        }
    }

    /**
     * A config variant of the feed-forward activation: rerank4j must follow it (and ELECTRA's head must stay exact
     * GELU). The variant must move the reference logits much more than rerank4j is off, or the check would be blind.
     */
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void hiddenActivationVariantsAreFollowed(Architecture a) throws IOException {
        Path dir = TinyModels.write(tmp.resolve("m"), a, Checkpoint.WITH_HEAD, 2, 29);
        String key = switch (a) {
            case DISTILBERT -> "activation";
            case MODERNBERT -> "hidden_activation";
            default -> "hidden_act";
        };
        double[][] gelu = referenceLogits(dir, PAIRS);
        for (String act : List.of("gelu_new", "relu")) {
            editConfig(dir, c -> c.put(key, act));
            double gap = maxAbsDiff(gelu, referenceLogits(dir, PAIRS));
            try (CrossEncoder model = CrossEncoder.load(dir)) {
                double diff = compare(model, dir, PAIRS);
                report(a + " " + key + "=" + act + " (gap to gelu " + gap + ")", diff);
                assertThat(diff).isLessThan(gap / 10);
            }
        }
    }

    /** {@code layer_norm_eps} comes from the config, except for DistilBERT, whose LayerNorms hard-code 1e-12. */
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void layerNormEpsilonFollowsTransformers(Architecture a) throws IOException {
        Path dir = TinyModels.write(tmp.resolve("m"), a, Checkpoint.WITH_HEAD, 1, 31);
        editConfig(dir, c -> c.put(a == Architecture.MODERNBERT ? "norm_eps" : "layer_norm_eps", 0.5));
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            report(a + " layer_norm_eps=0.5", compare(model, dir, PAIRS));
        }
    }

    /** rerank4j's logits for {@code pairs} against the reference's on the weights in {@code dir}; the max |diff|. */
    private static double compare(CrossEncoder model, Path dir, List<TextPair> pairs) throws IOException {
        List<EncodedPair> encoded = model.tokenizer().encode(pairs);
        double[][] expected =
                HfReference.load(dir).logits(encoded, model.tokenizer().padId());
        float[][] actual = model.predictLabels(pairs, LOGITS);
        assertThat(actual).hasNumberOfRows(expected.length);
        double[][] got = new double[actual.length][];
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).hasSize(expected[i].length);
            got[i] = new double[actual[i].length];
            for (int j = 0; j < actual[i].length; j++) {
                got[i][j] = actual[i][j];
            }
        }
        double scale = maxAbsDiff(expected, new double[expected.length][expected[0].length]);
        assertThat(scale).as("max |logit| (a fresh head gives ~0.01)").isGreaterThan(1e-3);
        double diff = maxAbsDiff(expected, got);
        assertThat(diff).as("max |rerank4j - reference| over all logits").isLessThanOrEqualTo(TOLERANCE);
        // Small logits (a fresh head's) must match as closely relative to their size.
        assertThat(diff)
                .as("max |rerank4j - reference| relative to max |logit|")
                .isLessThanOrEqualTo(1e-3 * scale);
        return diff;
    }

    private static double[][] referenceLogits(Path dir, List<TextPair> pairs) throws IOException {
        try (CrossEncoder model = CrossEncoder.load(dir)) {
            return HfReference.load(dir)
                    .logits(model.tokenizer().encode(pairs), model.tokenizer().padId());
        }
    }

    private static double maxAbsDiff(double[][] a, double[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }

    private static void editConfig(Path dir, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode config =
                (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
        edit.accept(config);
        JSON.writeValue(dir.resolve("config.json").toFile(), config);
    }

    private static void report(String what, double maxDiff) {
        LOG.info("reference parity, {}: max |diff| = {}", what, String.format("%.3g", maxDiff));
    }
}
