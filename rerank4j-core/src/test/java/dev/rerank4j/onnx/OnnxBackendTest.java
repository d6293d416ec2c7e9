package dev.rerank4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rerank4j.ModelFormatException;
import dev.rerank4j.backend.InferenceBackend;
import dev.rerank4j.tokenize.PaddedBatch;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX Runtime backend on the graphs of {@code src/test/python/make_onnx_fixtures.py} and the reference
 * all-MiniLM-L6-v2 graph of the langchain4j artifact: what it reads from a graph, what it returns, and the message of
 * each graph it refuses.
 */
class OnnxBackendTest {
    @TempDir
    Path tmp;

    static Path fixture(String relative) {
        try {
            return Path.of(OnnxBackendTest.class
                    .getResource("/fixtures/onnx/" + relative)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Two rows: 5 real tokens, and 3 real tokens then padding. */
    static PaddedBatch twoRows() {
        long[] ids = {2, 10, 11, 3, 3, 2, 12, 3, 0, 0};
        long[] types = {0, 0, 0, 0, 1, 0, 0, 0, 0, 0};
        long[] mask = {1, 1, 1, 1, 1, 1, 1, 1, 0, 0};
        return new PaddedBatch(2, 5, ids, types, mask);
    }

    @Test
    void readsTheInputsAndLabelsOfACrossEncoderGraph() {
        try (OnnxBackend bert = OnnxBackend.open(
                        fixture("bert/onnx/model.onnx"),
                        OnnxBackend.LOGITS,
                        OnnxOptions.defaults().withThreads(1));
                OnnxBackend distil = OnnxBackend.open(
                        fixture("distilbert/onnx/model.onnx"), OnnxBackend.LOGITS, OnnxOptions.defaults())) {
            assertThat(bert.usesTokenTypes()).isTrue();
            assertThat(distil.usesTokenTypes()).isFalse();
            assertThat(bert.outputSize(OnnxBackend.LOGITS, 1)).hasValue(1);
            assertThat(distil.outputSize(OnnxBackend.LOGITS, 1)).hasValue(3);
            assertThat(bert.outputSize(OnnxBackend.LOGITS, 0)).isEmpty(); // the dynamic batch axis

            InferenceBackend.Output logits = distil.logits(twoRows());
            assertThat(logits.shape()).containsExactly(2, 3);
            for (float v : logits.values()) {
                assertThat(Float.isFinite(v)).isTrue();
            }
            assertThat(Arrays.copyOfRange(logits.values(), 0, 3))
                    .isNotEqualTo(Arrays.copyOfRange(logits.values(), 3, 6));
        }
    }

    @Test
    void everyOptimisationLevelAndArenaSettingGivesTheSameLogits() {
        float[] reference;
        try (OnnxBackend none = OnnxBackend.open(
                fixture("bert/onnx/model.onnx"),
                OnnxBackend.LOGITS,
                new OnnxOptions(1, OnnxOptions.Optimization.NONE, false))) {
            reference = none.logits(twoRows()).values();
        }
        for (OnnxOptions.Optimization level : OnnxOptions.Optimization.values()) {
            try (OnnxBackend b = OnnxBackend.open(
                    fixture("bert/onnx/model.onnx"), OnnxBackend.LOGITS, new OnnxOptions(2, level, true))) {
                float[] logits = b.logits(twoRows()).values();
                for (int i = 0; i < logits.length; i++) {
                    assertThat((double) logits[i]).as("%s, row %d", level, i).isCloseTo(reference[i], within(1e-5));
                }
            }
        }
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }

    @Test
    void theReferenceEncoderGraphGivesHiddenStatesOfTheBatchShape() throws Exception {
        Path file = tmp.resolve("minilm.onnx");
        try (InputStream in = getClass().getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            Files.copy(in, file);
        }
        try (OnnxBackend b = OnnxBackend.open(file, OnnxBackend.LAST_HIDDEN_STATE, OnnxOptions.defaults())) {
            assertThat(b.usesTokenTypes()).isTrue();
            assertThat(b.outputSize(OnnxBackend.LAST_HIDDEN_STATE, 2)).hasValue(384);
            InferenceBackend.Output states = b.hiddenStates(twoRows());
            assertThat(states.shape()).containsExactly(2, 5, 384);
            assertThatThrownBy(() -> b.logits(twoRows()))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("no float output \"logits\"")
                    .hasMessageContaining("last_hidden_state");
        }
    }

    @Test
    void aGraphWithoutTheAskedOutputNamesTheOutputsItHas() {
        assertThatThrownBy(() -> OnnxBackend.open(
                        fixture("bert/onnx/model.onnx"), OnnxBackend.LAST_HIDDEN_STATE, OnnxOptions.defaults()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(
                        "model.onnx: the graph has no output \"last_hidden_state\"; its outputs: [logits]");
    }

    @Test
    void aGraphReadingAnInputWeDoNotFeedNamesIt() {
        assertThatThrownBy(() ->
                        OnnxBackend.open(fixture("bad/extra-input.onnx"), OnnxBackend.LOGITS, OnnxOptions.defaults()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("extra-input.onnx: the graph reads input \"position_ids\"")
                .hasMessageContaining("input_ids, attention_mask and optionally token_type_ids");
    }

    @Test
    void aTruncatedGraphIsNotUsable() throws Exception {
        byte[] bytes = Files.readAllBytes(fixture("bert/onnx/model.onnx"));
        Path cut = Files.write(tmp.resolve("model.onnx"), Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> OnnxBackend.open(cut, OnnxBackend.LOGITS, OnnxOptions.defaults()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(cut + ": not a usable ONNX graph (");
        Path text = Files.writeString(tmp.resolve("notes.onnx"), "not a graph");
        assertThatThrownBy(() -> OnnxBackend.open(text, OnnxBackend.LOGITS, OnnxOptions.defaults()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(text + ": not a usable ONNX graph (");
    }

    @Test
    void aMissingFileIsNamedWithTheGraphsTheDirectoryHas() throws Exception {
        assertThatThrownBy(() -> OnnxBackend.open(tmp.resolve("nope.onnx"), OnnxBackend.LOGITS, OnnxOptions.defaults()))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(tmp.resolve("nope.onnx") + ": no such ONNX file");
        Path dir = fixture("bert");
        assertThat(OnnxFiles.list(dir)).containsExactly("onnx/model.onnx");
        assertThatThrownBy(() -> OnnxFiles.resolve(dir, "onnx/model_qint8_avx2.onnx"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(dir + ": no ONNX file onnx/model_qint8_avx2.onnx (its ONNX files: onnx/model.onnx; pick one"
                        + " with --onnx-file)");
        assertThatThrownBy(() -> OnnxFiles.resolve(tmp, "onnx/model.onnx"))
                .hasMessageContaining("the directory has no .onnx file");
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> OnnxOptions.defaults().withThreads(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be >= 0 (0 = one per core), got -1");
    }
}
