package dev.rerank4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.rerank4j.io.DType;
import dev.rerank4j.io.ModelWeights;
import dev.rerank4j.io.Safetensors;
import dev.rerank4j.io.Tensor;
import dev.rerank4j.io.WeightSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Native weight loading (file bytes → direct buffer → libtorch, widened there) gives exactly the float32 values the
 * Java decoder gives, whole and in chunks that split rows, for every stored float type.
 */
class NativeWeightsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(
            value = DType.class,
            names = {"F32", "F16", "BF16"})
    void chunkedNativeReadsEqualTheJavaDecoder(DType type) throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        float[] a = new float[7 * 13];
        float[] b = new float[5];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (random.nextGaussian() * 3);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) random.nextGaussian();
        }
        Safetensors.write(
                tmp.resolve(ModelWeights.SAFETENSORS),
                List.of(Tensor.of("a", new long[] {7, 13}, a), Tensor.of("b", new long[] {5}, b)),
                type);
        Map<String, Tensor> decoded = ModelWeights.load(tmp);
        WeightSource source = ModelWeights.open(tmp);
        assertThat(source.rawType("a")).contains(type);
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            // 12 bytes: 3 floats a chunk, so chunks end mid-row and the last one is short
            for (NativeWeights reader : List.of(new NativeWeights(12), new NativeWeights())) {
                NDArray first = reader.read(source, "a", new long[] {7, 13}, m);
                NDArray second = reader.read(source, "b", new long[] {5}, m);
                assertThat(first.getDataType()).isEqualTo(DataType.FLOAT32);
                assertThat(first.getShape().getShape()).containsExactly(7, 13);
                assertThat(first.toFloatArray())
                        .containsExactly(decoded.get("a").values());
                assertThat(second.toFloatArray())
                        .containsExactly(decoded.get("b").values());
            }
        }
    }

    @Test
    void inMemoryWeightsAndBadRangesAreRefused() throws IOException {
        WeightSource memory = WeightSource.of(Map.of("a", Tensor.of("a", new long[] {2}, new float[] {1, 2})));
        assertThat(memory.rawType("a")).isEmpty();
        Safetensors.write(
                tmp.resolve(ModelWeights.SAFETENSORS),
                List.of(Tensor.of("a", new long[] {2}, new float[] {1, 2})),
                DType.F32);
        WeightSource file = ModelWeights.open(tmp);
        assertThatThrownBy(() -> file.readFloats("a", 1, 2, java.nio.ByteBuffer.allocate(64)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a: elements [1, 3) are outside its 2 elements");
        assertThatThrownBy(() -> new NativeWeights(6)).hasMessage("chunkBytes must be a positive multiple of 4, got 6");
    }
}
