package dev.rerank4j.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rerank4j.Backend;
import dev.rerank4j.ModelFormatException;
import dev.rerank4j.backend.InferenceBackend;
import dev.rerank4j.backend.TextEncoder;
import dev.rerank4j.backend.TextEncoders;
import dev.rerank4j.hub.BundledMiniLm;
import dev.rerank4j.tokenize.PaddedBatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code onnx} encoder engine on the reference all-MiniLM-L6-v2 graph of the langchain4j artifact, placed where
 * sentence-transformers puts it ({@code onnx/model.onnx}), against the {@code torch} engine on the same weights (the
 * bundled directory is converted from that graph): hidden states and pooled embeddings agree.
 */
class OnnxEmbeddingTest {
    private static final List<String> TEXTS = List.of(
            "how many moons does mars have",
            "Mars has two small moons, Phobos and Deimos, which were discovered by Asaph Hall in August 1877.",
            "WHEN DID THE BERLIN WALL FALL",
            "Zürich lies at the north-western tip of Lake Zürich in northern Switzerland.",
            "a");

    @TempDir
    Path tmp;

    private Path miniLmWithOnnx() throws IOException {
        Path bundled = BundledMiniLm.materialize(tmp.resolve("cache"));
        Path dir = tmp.resolve("minilm");
        try (Stream<Path> walk = Files.walk(bundled)) {
            for (Path p : walk.toList()) {
                Path target = dir.resolve(bundled.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Files.createDirectories(dir.resolve("onnx"));
        try (InputStream in = getClass().getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            Files.copy(in, dir.resolve("onnx/model.onnx"));
        }
        return dir;
    }

    @Test
    void onnxEngineHiddenStatesMatchTheTorchEngine() throws IOException {
        Path dir = miniLmWithOnnx();
        long[] ids = {101, 2129, 2116, 13454, 2515, 7733, 2031, 102, 101, 7592, 102, 0, 0, 0, 0, 0};
        long[] mask = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
        PaddedBatch batch = new PaddedBatch(2, 8, ids, new long[16], mask);
        try (TextEncoder torch = TextEncoders.load(dir, 1, "torch");
                TextEncoder onnx = TextEncoders.load(dir, 1, "onnx")) {
            assertThat(onnx.hiddenSize()).isEqualTo(torch.hiddenSize()).isEqualTo(384);
            assertThat(onnx.maxPositions()).isEqualTo(torch.maxPositions());
            assertThat(onnx.usesTokenTypes()).isTrue();
            InferenceBackend.Output a = torch.hiddenStates(batch);
            InferenceBackend.Output b = onnx.hiddenStates(batch);
            assertThat(b.shape()).containsExactly(2, 8, 384);
            double max = 0;
            for (int t = 0; t < 16; t++) {
                if (mask[t] == 0) {
                    continue;
                }
                for (int h = 0; h < 384; h++) {
                    max = Math.max(max, Math.abs(a.values()[t * 384 + h] - b.values()[t * 384 + h]));
                }
            }
            assertThat(max)
                    .as("max |ORT - libtorch| hidden state on real tokens")
                    .isLessThanOrEqualTo(1e-4);
        }
    }

    @Test
    void anEmbeddingModelRunsOnTheOnnxEngine() throws IOException {
        Path dir = miniLmWithOnnx();
        try (EmbeddingModel torch =
                        EmbeddingModel.load(dir, EmbeddingOptions.defaults().withThreads(1));
                EmbeddingModel onnx = EmbeddingModel.load(
                        dir, EmbeddingOptions.defaults().withThreads(1).withBackend(Backend.ONNX))) {
            Embeddings a = torch.encode(TEXTS);
            Embeddings b = onnx.encode(TEXTS);
            assertThat(b.rows()).isEqualTo(TEXTS.size());
            assertThat(b.unitLength(1e-5)).isTrue();
            for (int i = 0; i < a.values().length; i++) {
                assertThat((double) b.values()[i]).isCloseTo(a.values()[i], org.assertj.core.data.Offset.offset(1e-5));
            }
            assertThat(onnx.fingerprint()).isNotEqualTo(torch.fingerprint()); // caches never mix the engines
        }
        Files.delete(dir.resolve("model.safetensors"));
        try (EmbeddingModel onnxOnly =
                EmbeddingModel.load(dir, EmbeddingOptions.defaults().withBackend(Backend.ONNX))) {
            assertThat(onnxOnly.encode(TEXTS).rows()).isEqualTo(TEXTS.size());
        }
    }

    @Test
    void aMissingGraphOrAFileForTheTorchEngineIsNamed() throws IOException {
        Path dir = miniLmWithOnnx();
        assertThatThrownBy(() -> EmbeddingModel.load(
                        dir,
                        EmbeddingOptions.defaults().withBackend(Backend.ONNX).withOnnxFile("onnx/model_O4.onnx")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("no ONNX file onnx/model_O4.onnx (its ONNX files: onnx/model.onnx");
        assertThatThrownBy(() -> TextEncoders.load(dir, 1, "torch", Optional.of("onnx/model.onnx")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the torch engine reads no file option");
        assertThat(TextEncoders.providers()).extracting(p -> p.name()).contains("torch", "onnx");
    }
}
