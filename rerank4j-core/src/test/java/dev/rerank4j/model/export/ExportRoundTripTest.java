package dev.rerank4j.model.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rerank4j.Activation;
import dev.rerank4j.Backend;
import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.eval.Correlations;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.model.export.OnnxExportOptions.Quantization;
import dev.rerank4j.testing.TinyModels;
import dev.rerank4j.testing.TinyModels.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What {@code rerank4j export} writes is what the ONNX Runtime backend reads: a tiny model exported (fp32 and int8)
 * into its own directory loads with {@link Backend#ONNX} and scores as on libtorch; with its safetensors removed the
 * directory still loads for inference, and the int8 graph, chosen by file name, keeps the ranking.
 */
class ExportRoundTripTest {
    private static final PredictOptions LOGITS =
            PredictOptions.defaults().withActivation(Activation.IDENTITY).withProgress(ProgressMode.OFF);

    @ParameterizedTest
    @EnumSource(
            value = Architecture.class,
            names = {
                "BERT",
                "ELECTRA",
                "ROBERTA",
                "XLM_ROBERTA",
                "DISTILBERT",
                "MODERNBERT",
                "DEBERTA_V2",
                "QWEN3",
                "QWEN2"
            })
    void exportedDirectoryLoadsOnTheOnnxBackend(Architecture architecture, @TempDir Path dir) throws IOException {
        roundTrip(TinyModels.write(dir.resolve("m"), architecture, Checkpoint.WITH_HEAD, 1, 23), Long.MAX_VALUE);
    }

    /** The Qwen3 causal-LM reranker (chat template, left padding, LogitScore) on the ONNX Runtime backend. */
    @Test
    void aCausalLmRerankerLoadsOnTheOnnxBackend(@TempDir Path dir) throws IOException {
        roundTrip(TinyModels.qwen3Reranker(dir.resolve("m")), Long.MAX_VALUE);
    }

    /** A graph with external data ({@code model.onnx} + {@code model.onnx_data}) loads on the backend from its path. */
    @Test
    void aGraphWithExternalDataLoadsOnTheOnnxBackend(@TempDir Path dir) throws IOException {
        Path modelDir = TinyModels.qwen3Reranker(dir.resolve("m"));
        roundTrip(modelDir, 10_000);
        assertThat(modelDir.resolve(OnnxExport.FP32_FILE + "_data")).exists();
        assertThat(modelDir.resolve(OnnxExport.INT8_FILE + "_data")).exists();
    }

    private static void roundTrip(Path modelDir, long inlineLimit) throws IOException {
        float[] torch;
        try (CrossEncoder model = CrossEncoder.load(modelDir)) {
            OnnxExport.write(
                    model, modelDir, OnnxExportOptions.defaults().withQuantization(Quantization.INT8), inlineLimit);
            torch = column(model.predictLabels(OnnxExportParityTest.PAIRS, LOGITS));
        }
        try (Stream<Path> files = Files.list(modelDir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".safetensors"))
                    .toList()) {
                Files.delete(f); // an ONNX-only directory: graph + config + tokenizer
            }
        }
        CrossEncoderOptions onnx =
                CrossEncoderOptions.defaults().withBackend(Backend.ONNX).withThreads(1);
        float[] fp32;
        float[] int8;
        try (CrossEncoder viaOrt = CrossEncoder.load(modelDir, onnx);
                CrossEncoder quantized = CrossEncoder.load(modelDir, onnx.withOnnxFile(OnnxExport.INT8_FILE))) {
            assertThat(viaOrt.engine()).isEqualTo(Backend.ONNX);
            fp32 = column(viaOrt.predictLabels(OnnxExportParityTest.PAIRS, LOGITS));
            int8 = column(quantized.predictLabels(OnnxExportParityTest.PAIRS, LOGITS));
        }
        double maxDiff = 0;
        double spread = 0;
        for (int i = 0; i < torch.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(torch[i] - fp32[i]));
            spread = Math.max(spread, Math.abs(torch[i] - torch[0]));
        }
        assertThat(spread)
                .as("the tiny model's logits must differ between pairs")
                .isGreaterThan(1e-3);
        assertThat(maxDiff).as("max |ORT on our export - libtorch| logit").isLessThanOrEqualTo(1e-4);
        double rho = Correlations.spearman(toDouble(fp32), toDouble(int8));
        assertThat(rho).as("Spearman fp32 vs int8").isGreaterThanOrEqualTo(0.9);
    }

    private static float[] column(float[][] rows) {
        float[] out = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][0];
        }
        return out;
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
