package dev.rerank4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelWeightsTest {
    @TempDir
    Path dir;

    private final Tensor a = Tensor.of("a.weight", new long[] {2, 2}, new float[] {1, 2, 3, 4});
    private final Tensor b = Tensor.of("b.bias", new long[] {3}, new float[] {5, 6, 7});
    private final Tensor c = Tensor.of("c.weight", new long[] {1}, new float[] {8});

    private static final String INDEX = "{\"metadata\": {\"total_size\": 32}, \"weight_map\": {"
            + "\"a.weight\": \"model-00001-of-00002.safetensors\", \"c.weight\": \"model-00001-of-00002.safetensors\","
            + " \"b.bias\": \"model-00002-of-00002.safetensors\"}}";

    private void writeShards() throws IOException {
        Safetensors.write(dir.resolve("model-00001-of-00002.safetensors"), List.of(a, c), DType.F32);
        Safetensors.write(dir.resolve("model-00002-of-00002.safetensors"), List.of(b), DType.F32);
        Files.writeString(dir.resolve(ModelWeights.SAFETENSORS_INDEX), INDEX);
    }

    @Test
    void loadsASingleFile() throws IOException {
        Safetensors.write(dir.resolve("model.safetensors"), List.of(b, a), DType.F32);
        assertThat(ModelWeights.load(dir)).containsExactly(Map.entry("a.weight", a), Map.entry("b.bias", b));
    }

    @Test
    void loadsAShardedCheckpointInIndexOrder() throws IOException {
        writeShards();
        assertThat(ModelWeights.load(dir).values()).containsExactly(a, c, b);
    }

    @Test
    void missingShardIsNamed() throws IOException {
        writeShards();
        Files.delete(dir.resolve("model-00002-of-00002.safetensors"));
        assertThatThrownBy(() -> ModelWeights.load(dir))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessageStartingWith(dir.resolve(ModelWeights.SAFETENSORS_INDEX) + ": shard files missing")
                .hasMessageContaining("[model-00002-of-00002.safetensors]");
    }

    @Test
    void tensorAbsentFromItsShardIsNamed() throws IOException {
        writeShards();
        Safetensors.write(dir.resolve("model-00001-of-00002.safetensors"), List.of(a), DType.F32);
        assertThatThrownBy(() -> ModelWeights.load(dir))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessage(dir.resolve(ModelWeights.SAFETENSORS_INDEX) + ": tensor 'c.weight' is listed in shard"
                        + " 'model-00001-of-00002.safetensors' but that file does not hold it");
    }

    @Test
    void indexMustHoldAWeightMapOfPlainFileNames() throws IOException {
        Path index = dir.resolve(ModelWeights.SAFETENSORS_INDEX);
        Files.writeString(index, "{\"metadata\": {}}");
        assertThatThrownBy(() -> ModelWeights.load(dir)).hasMessageContaining(index + ": missing \"weight_map\"");
        Files.writeString(index, "{\"weight_map\": {\"a\": \"../elsewhere.safetensors\"}}");
        assertThatThrownBy(() -> ModelWeights.load(dir))
                .hasMessageContaining("shard name '../elsewhere.safetensors' must be a file name in");
        Files.writeString(index, "{\"weight_map\": ");
        assertThatThrownBy(() -> ModelWeights.load(dir))
                .hasMessageStartingWith(index + ":1:")
                .hasMessageContaining(": not valid JSON (Unexpected end-of-input");
    }

    @Test
    void refusesPickleCheckpointsAndSaysHowToConvert() throws IOException {
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2});
        Files.writeString(dir.resolve("config.json"), "{}");
        assertThatThrownBy(() -> ModelWeights.load(dir))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("found PyTorch pickle weights [pytorch_model.bin]")
                .hasMessageContaining("rerank4j does not read pickle files")
                .hasMessageContaining("from transformers import AutoModelForSequenceClassification")
                .hasMessageContaining(".save_pretrained('" + dir + "', safe_serialization=True)");
    }

    @Test
    void refusesShardedPickleCheckpoints() throws IOException {
        Files.writeString(dir.resolve("pytorch_model.bin.index.json"), "{}");
        Files.write(dir.resolve("pytorch_model-00001-of-00002.bin"), new byte[1]);
        Files.write(dir.resolve("training_args.bin"), new byte[1]);
        assertThatThrownBy(() -> ModelWeights.load(dir))
                .hasMessageContaining(
                        "pickle weights [pytorch_model-00001-of-00002.bin, pytorch_model.bin.index.json]");
    }

    @Test
    void directoryWithoutWeightsListsWhatWasLookedFor() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{}");
        assertThatThrownBy(() -> ModelWeights.load(dir))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessage(dir + ": no model weights found; looked for model.safetensors and"
                        + " model.safetensors.index.json (with its shards); the directory holds [config.json]");
        assertThatThrownBy(() -> ModelWeights.load(dir.resolve("absent"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void malformedWeightsFileNamesIt() throws IOException {
        Files.write(dir.resolve("model.safetensors"), new byte[3]);
        assertThatThrownBy(() -> ModelWeights.load(dir))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessageStartingWith(dir.resolve("model.safetensors") + ": file has 3 bytes");
    }
}
