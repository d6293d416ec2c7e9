package dev.rerank4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rerank4j.io.TempPaths;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.model.export.OnnxExport;
import dev.rerank4j.model.export.OnnxExportOptions;
import dev.rerank4j.model.export.OnnxExportOptions.Quantization;
import dev.rerank4j.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code rerank4j export} end to end: the files the command writes are byte for byte those of the Java API (whose
 * graphs the core's parity tests run in ONNX Runtime), and each bad input exits with 2 and one line.
 */
class ExportCommandTest {
    @TempDir
    Path tmp;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    @Test
    void exportWritesTheApiGraphsIntoTheModelFolder() throws Exception {
        Path model = TinyModels.reranker(tmp.resolve("m"), Architecture.BERT);
        Path viaApi = TinyModels.reranker(tmp.resolve("api"), Architecture.BERT);
        assertTheCommandLineWritesWhatTheApiWrites(model, viaApi);
        assertThat(Files.size(model.resolve(OnnxExport.INT8_FILE)))
                .isLessThan(Files.size(model.resolve(OnnxExport.FP32_FILE)));
    }

    @ParameterizedTest
    @EnumSource(
            value = Architecture.class,
            names = {"MODERNBERT", "DEBERTA_V2", "QWEN3"})
    void exportsFromTheCommandLineAsThroughTheApi(Architecture architecture) throws Exception {
        Path model = TinyModels.reranker(tmp.resolve("m"), architecture);
        Path viaApi = TinyModels.reranker(tmp.resolve("api"), architecture);
        assertTheCommandLineWritesWhatTheApiWrites(model, viaApi);
    }

    @Test
    void exportsAQwen3CausalLmReranker() throws Exception {
        Path model = TinyModels.qwen3Reranker(tmp.resolve("qwen3"));
        Path viaApi = TinyModels.qwen3Reranker(tmp.resolve("qwen3-api"));
        assertTheCommandLineWritesWhatTheApiWrites(model, viaApi);
    }

    @Test
    void anOutputFolderBecomesAnOnnxModelDirectory() throws Exception {
        Path model = TinyModels.reranker(tmp.resolve("m"), Architecture.ROBERTA);
        Path out = tmp.resolve("out/onnx-model");
        int code = Main.run("export", "-m", model.toString(), "-o", out.toString(), "--no-progress");
        assertThat(code).as(console.err()).isZero();
        assertThat(out.resolve(OnnxExport.FP32_FILE)).isRegularFile();
        assertThat(out.resolve("config.json")).isRegularFile();
        assertThat(out.resolve("tokenizer.json")).isRegularFile();
        assertThat(out.resolve("model.safetensors")).doesNotExist();
        assertThat(model.resolve("onnx")).doesNotExist();
    }

    @Test
    void anUnknownFormatIsAUsageError() throws Exception {
        Path model = TinyModels.reranker(tmp.resolve("m"), Architecture.BERT);
        int code = Main.run("export", "-m", model.toString(), "--format", "tflite");
        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(console.err()).contains("--format: unknown format 'tflite'; the only format is onnx");
        assertThat(model.resolve("onnx")).doesNotExist();
    }

    @Test
    void anUnknownQuantizationIsAUsageError() throws Exception {
        Path model = TinyModels.reranker(tmp.resolve("m"), Architecture.BERT);
        int code = Main.run("export", "-m", model.toString(), "--quantize", "int4");
        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(console.err()).contains("--quantize: unknown type 'int4'; the only type is int8");
    }

    @Test
    void anOutputThatIsAFileExitsWithTwoBeforeAnyWork() throws Exception {
        Path model = TinyModels.reranker(tmp.resolve("m"), Architecture.BERT);
        Path file = Files.writeString(tmp.resolve("taken"), "x");
        int code = Main.run("export", "-m", model.toString(), "-o", file.toString());
        List<String> lines = console.err().lines().filter(l -> !l.isBlank()).toList();
        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("--output").contains(file.toString());
        try (Stream<Path> all = Files.walk(tmp)) {
            assertThat(all.filter(TempPaths::isTemporary).toList()).isEmpty();
        }
    }

    /** `rerank4j export --quantize int8` of {@code model} writes the bytes the Java API writes for {@code viaApi}. */
    private void assertTheCommandLineWritesWhatTheApiWrites(Path model, Path viaApi) throws Exception {
        int code = Main.run(
                "export", "--model", model.toString(), "--format", "onnx", "--quantize", "int8", "--no-progress");
        assertThat(code).as(console.err()).isZero();
        assertThat(console.out())
                .contains("wrote " + model.resolve(OnnxExport.FP32_FILE))
                .contains("wrote " + model.resolve(OnnxExport.INT8_FILE));
        try (CrossEncoder m = CrossEncoder.load(model)) {
            OnnxExport.write(m, viaApi, OnnxExportOptions.defaults().withQuantization(Quantization.INT8));
        }
        for (String file : List.of(OnnxExport.FP32_FILE, OnnxExport.INT8_FILE)) {
            assertThat(Files.readAllBytes(model.resolve(file)))
                    .as(file)
                    .isEqualTo(Files.readAllBytes(viaApi.resolve(file)));
        }
    }

    @Test
    void theInt8FloatLayersFlagChoosesHowManyDownProjectionsStayFloat() throws Exception {
        Path model = TinyModels.reranker(tmp.resolve("m"), Architecture.BERT);
        Path allInt8 = tmp.resolve("all-int8");
        int code = Main.run(
                "export",
                "-m",
                model.toString(),
                "--quantize",
                "int8",
                "--no-progress",
                "-o",
                allInt8.toString(),
                "--int8-float-layers",
                "0");
        assertThat(code).as(console.err()).isZero();
        code = Main.run("export", "-m", model.toString(), "--quantize", "int8", "--no-progress");
        assertThat(code).as(console.err()).isZero();
        // the default keeps the first two layers' down projections in float32: a larger int8 file
        assertThat(Files.size(model.resolve(OnnxExport.INT8_FILE)))
                .isGreaterThan(Files.size(allInt8.resolve(OnnxExport.INT8_FILE)));
        Path viaApi = tmp.resolve("api");
        try (CrossEncoder m = CrossEncoder.load(model)) {
            OnnxExport.write(
                    m,
                    viaApi,
                    OnnxExportOptions.defaults()
                            .withQuantization(Quantization.INT8)
                            .withFloatDownLayers(0));
        }
        assertThat(Files.readAllBytes(allInt8.resolve(OnnxExport.INT8_FILE)))
                .isEqualTo(Files.readAllBytes(viaApi.resolve(OnnxExport.INT8_FILE)));

        code = Main.run("export", "-m", model.toString(), "--quantize", "int8", "--int8-float-layers", "-1");
        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(console.err()).contains("--int8-float-layers: must be 0 or more (0: every MatMul in int8), got -1");
    }
}
