package dev.rerank4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.Activation;
import dev.rerank4j.Backend;
import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.ModelFormatException;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.TextPair;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cross-encoder on ONNX Runtime against the same model on libtorch and against transformers: the fixtures of
 * {@code src/test/python/make_onnx_fixtures.py} hold one set of weights twice (model.safetensors and the
 * torch.onnx.export of onnx/model.onnx) and the logits transformers computed in fp32.
 */
class OnnxCrossEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PredictOptions LOGITS =
            PredictOptions.defaults().withActivation(Activation.IDENTITY).withProgress(ProgressMode.OFF);
    private static final CrossEncoderOptions ONNX =
            CrossEncoderOptions.defaults().withBackend(Backend.ONNX).withThreads(1);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"bert", "distilbert"})
    void onnxRuntimeMatchesLibtorchAndTransformers(String name) throws IOException {
        Path dir = copy(name);
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
        List<TextPair> pairs = pairs(expected);
        try (CrossEncoder torch = CrossEncoder.load(dir);
                CrossEncoder onnx = CrossEncoder.load(dir, ONNX)) {
            assertThat(onnx.engine()).isEqualTo(Backend.ONNX);
            assertThat(torch.engine()).isEqualTo(Backend.TORCH);
            assertThat(onnx.numLabels()).isEqualTo(torch.numLabels()).isEqualTo(name.equals("bert") ? 1 : 3);
            float[][] viaOrt = onnx.predictLabels(pairs, LOGITS);
            float[][] viaTorch = torch.predictLabels(pairs, LOGITS);
            double vsTorch = 0;
            double vsTransformers = 0;
            for (int i = 0; i < pairs.size(); i++) {
                for (int j = 0; j < viaOrt[i].length; j++) {
                    vsTorch = Math.max(vsTorch, Math.abs(viaOrt[i][j] - viaTorch[i][j]));
                    vsTransformers = Math.max(
                            vsTransformers,
                            Math.abs(viaOrt[i][j]
                                    - expected.path("logits").get(i).get(j).asDouble()));
                }
            }
            assertThat(vsTorch).as("max |ORT - libtorch| logit").isLessThanOrEqualTo(1e-4);
            assertThat(vsTransformers).as("max |ORT - transformers| logit").isLessThanOrEqualTo(1e-4);
            // the scores spread (|logits| of a few units), so a 1e-4 agreement is not one of near-constant outputs
            assertThat(spread(viaOrt)).isGreaterThan(0.5);
            // the default activation (sigmoid for one label) is applied on top of ORT's logits, as on libtorch
            PredictOptions activated = PredictOptions.defaults().withProgress(ProgressMode.OFF);
            float[][] scores = onnx.predictLabels(pairs, activated);
            float[][] torchScores = torch.predictLabels(pairs, activated);
            for (int i = 0; i < pairs.size(); i++) {
                for (int j = 0; j < scores[i].length; j++) {
                    assertThat((double) scores[i][j])
                            .isCloseTo(torchScores[i][j], org.assertj.core.data.Offset.offset(1e-4));
                }
            }
            System.out.printf(
                    "ONNX cross-encoder parity (%s): max |ORT - libtorch| %.3g, max |ORT - transformers| %.3g%n",
                    name, vsTorch, vsTransformers);
        }
    }

    @Test
    void lengthSortedBatchesOfAnySizeScoreAlike() throws IOException {
        Path dir = copy("bert");
        List<TextPair> pairs =
                manyPairs(pairs(JSON.readTree(dir.resolve("expected.json").toFile())));
        try (CrossEncoder onnx = CrossEncoder.load(dir, ONNX)) {
            float[][] one = onnx.predictLabels(pairs, LOGITS.withBatchSize(1));
            for (int batch : new int[] {2, 5, 16, 64}) {
                float[][] batched = onnx.predictLabels(pairs, LOGITS.withBatchSize(batch));
                for (int i = 0; i < pairs.size(); i++) {
                    assertThat((double) batched[i][0])
                            .as("pair %d at batch size %d", i, batch)
                            .isCloseTo(one[i][0], org.assertj.core.data.Offset.offset(1e-5));
                }
            }
        }
    }

    @Test
    void concurrentCallsShareOneSession() throws Exception {
        Path dir = copy("distilbert");
        List<TextPair> pairs =
                manyPairs(pairs(JSON.readTree(dir.resolve("expected.json").toFile())));
        try (CrossEncoder onnx = CrossEncoder.load(dir, ONNX.withThreads(2))) {
            float[][] sequential = onnx.predictLabels(pairs, LOGITS.withBatchSize(4));
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<float[][]>> runs = new ArrayList<>();
                for (int t = 0; t < 12; t++) {
                    runs.add(pool.submit(() -> onnx.predictLabels(pairs, LOGITS.withBatchSize(4))));
                }
                for (Future<float[][]> run : runs) {
                    float[][] got = run.get();
                    for (int i = 0; i < pairs.size(); i++) {
                        for (int j = 0; j < 3; j++) {
                            assertThat((double) got[i][j])
                                    .isCloseTo(sequential[i][j], org.assertj.core.data.Offset.offset(1e-6));
                        }
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aDirectoryWithOnlyTheOnnxGraphLoadsForInference() throws IOException {
        Path dir = copy("bert");
        List<TextPair> pairs = pairs(JSON.readTree(dir.resolve("expected.json").toFile()));
        float[][] full;
        try (CrossEncoder both = CrossEncoder.load(dir, ONNX)) {
            full = both.predictLabels(pairs, LOGITS);
        }
        Files.delete(dir.resolve("model.safetensors"));
        try (CrossEncoder onnxOnly = CrossEncoder.load(dir, ONNX)) {
            assertThat(onnxOnly.predictLabels(pairs, LOGITS)).isDeepEqualTo(full);
            assertThatThrownBy(() -> TrainingAccess.parameters(onnxOnly))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("was loaded with the ONNX backend, which runs inference only")
                    .hasMessageContaining("training and saving need the torch backend");
            assertThatThrownBy(() -> onnxOnly.save(tmp.resolve("saved")))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("ONNX backend");
            assertThat(tmp.resolve("saved")).doesNotExist();
        }
        assertThatThrownBy(() -> CrossEncoder.load(dir))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(dir + ": no safetensors weights, only ONNX graphs (onnx/model.onnx)")
                .hasMessageContaining("--backend onnx")
                .hasMessageContaining("training need model.safetensors");
    }

    @Test
    void anotherGraphIsPickedByItsFileName() throws IOException {
        Path dir = copy("bert");
        Files.move(dir.resolve("onnx/model.onnx"), dir.resolve("onnx/model_O1.onnx"));
        assertThatThrownBy(() -> CrossEncoder.load(dir, ONNX))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(dir + ": no ONNX file onnx/model.onnx (its ONNX files: onnx/model_O1.onnx; pick one with"
                        + " --onnx-file)");
        try (CrossEncoder picked = CrossEncoder.load(dir, ONNX.withOnnxFile("onnx/model_O1.onnx"))) {
            assertThat(picked.numLabels()).isEqualTo(1);
        }
    }

    @Test
    void aLabelCountTheGraphDoesNotHaveIsRefused() throws IOException {
        Path dir = copy("distilbert");
        assertThatThrownBy(() -> CrossEncoder.load(dir, ONNX.withNumLabels(1)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model.onnx: the graph's logits have 3 labels but numLabels 1 was asked");
    }

    @Test
    void aGraphWithoutLogitsIsRefusedAtLoad() throws IOException {
        Path dir = copy("bert");
        Files.copy(
                fixture("bad/extra-input.onnx"),
                dir.resolve("onnx/model.onnx"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> CrossEncoder.load(dir, ONNX))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("the graph reads input \"position_ids\"");
    }

    @Test
    void optionsNameTheBackendAndCheckTheFile() {
        assertThat(CrossEncoderOptions.defaults().backend()).isEqualTo(Backend.TORCH);
        assertThat(CrossEncoderOptions.defaults().onnxFile()).isEqualTo("onnx/model.onnx");
        assertThat(ONNX.withOnnxFile("onnx/model_qint8_avx2.onnx").toString())
                .contains("backend=onnx, onnxFile=onnx/model_qint8_avx2.onnx");
        assertThat(ONNX).isEqualTo(CrossEncoderOptions.defaults().withThreads(1).withBackend(Backend.ONNX));
        assertThat(ONNX).isNotEqualTo(ONNX.withOnnxFile("onnx/model_O1.onnx"));
        assertThatThrownBy(() -> ONNX.withOnnxFile("/abs/model.onnx"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("onnxFile must be a path relative to the model directory");
        assertThat(Backend.fromName("ONNX")).isEqualTo(Backend.ONNX);
        assertThatThrownBy(() -> Backend.fromName("tensorrt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backend must be one of torch, onnx, got \"tensorrt\"");
    }

    private static double spread(float[][] logits) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (float[] row : logits) {
            min = Math.min(min, row[0]);
            max = Math.max(max, row[0]);
        }
        return max - min;
    }

    /** Forty pairs of many lengths, from the fixture's pairs cut and crossed. */
    static List<TextPair> manyPairs(List<TextPair> base) {
        List<TextPair> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            TextPair a = base.get(i % base.size());
            TextPair b = base.get((i * 7 + 3) % base.size());
            String doc = (b.document() + " " + a.document())
                    .substring(0, 1 + (i * 13) % (a.document().length()));
            out.add(new TextPair(a.query(), doc));
        }
        return out;
    }

    static List<TextPair> pairs(JsonNode expected) {
        List<TextPair> pairs = new ArrayList<>();
        expected.path("pairs")
                .forEach(p -> pairs.add(new TextPair(p.get(0).asText(), p.get(1).asText())));
        return pairs;
    }

    static Path fixture(String relative) {
        try {
            return Path.of(OnnxCrossEncoderTest.class
                    .getResource("/fixtures/onnx/" + relative)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path copy(String name) throws IOException {
        Path src = fixture(name);
        Path dst = tmp.resolve(name);
        try (Stream<Path> walk = Files.walk(src)) {
            for (Path p : walk.toList()) {
                Path target = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return dst;
    }
}
