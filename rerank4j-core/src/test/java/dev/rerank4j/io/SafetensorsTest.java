package dev.rerank4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    /** A file as Python's safetensors lays it out: u64 LE header length, space-padded JSON, data. */
    static byte[] fileBytes(String headerJson, byte[] data) {
        byte[] json = headerJson.getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            b.put((byte) ' ');
        }
        return b.put(data).array();
    }

    static byte[] le(int bytes, java.util.function.Consumer<ByteBuffer> fill) {
        ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        fill.accept(b);
        return b.array();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void readsAFileLaidOutAsPythonWritesIt() throws IOException {
        // safetensors.torch.save_file({"ids": int64, "w": f32, "b": bf16 scalar, "h": f16, "flag": bool},
        // metadata={"format": "pt"}): data sorted by dtype size, then name; header in data order, metadata first
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"ids\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[0,24]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[24,40]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[],\"data_offsets\":[40,42]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[42,46]},"
                + "\"flag\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[46,48]}}";
        byte[] data = le(
                48,
                b -> b.putLong(0)
                        .putLong(5)
                        .putLong(-7)
                        .putFloat(1f)
                        .putFloat(-2.5f)
                        .putFloat(0.1f)
                        .putFloat(3e38f)
                        .putShort((short) 0x3FC0)
                        .putShort((short) 0x3C00)
                        .putShort((short) 0x7BFF)
                        .put((byte) 1)
                        .put((byte) 0));
        Path file = write("python.safetensors", fileBytes(header, data));

        SafetensorsFile read = Safetensors.read(file);

        assertThat(read.metadata()).isEqualTo(Map.of("format", "pt"));
        assertThat(read.tensors())
                .containsExactly(
                        new Tensor("ids", DType.I64, new long[] {3}, new float[] {0, 5, -7}),
                        new Tensor("w", DType.F32, new long[] {2, 2}, new float[] {1f, -2.5f, 0.1f, 3e38f}),
                        new Tensor("b", DType.BF16, new long[] {}, new float[] {1.5f}),
                        new Tensor("h", DType.F16, new long[] {2}, new float[] {1f, 65504f}),
                        new Tensor("flag", DType.BOOL, new long[] {2}, new float[] {1, 0}));
        assertThat(read.parameterCount()).isEqualTo(12);
        SafetensorsHeader onlyHeader = Safetensors.readHeader(file);
        assertThat(onlyHeader.dataStart()).isEqualTo(8 + (header.length() + 7) / 8 * 8);
        assertThat(onlyHeader.entry("w").orElseThrow())
                .isEqualTo(new SafetensorsHeader.Entry("w", DType.F32, new long[] {2, 2}, 24, 40));
        assertThat(Safetensors.read(file, "h"::equals).tensors())
                .extracting(Tensor::name)
                .containsExactly("h");
    }

    @Test
    void readsEveryIntegerTypeExactly() throws IOException {
        String header = "{\"a\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"I16\",\"shape\":[1],\"data_offsets\":[8,10]},"
                + "\"c\":{\"dtype\":\"I8\",\"shape\":[1],\"data_offsets\":[10,11]},"
                + "\"d\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[11,12]},"
                + "\"e\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[12,20]}}";
        byte[] data = le(
                20,
                b -> b.putInt(16_777_216)
                        .putInt(-3)
                        .putShort((short) -32768)
                        .put((byte) -128)
                        .put((byte) 0xFF)
                        .putDouble(0.1));
        SafetensorsFile read = Safetensors.read(write("ints.safetensors", fileBytes(header, data)));
        assertThat(read.asMap().get("a").values()).containsExactly(16_777_216f, -3f);
        assertThat(read.asMap().get("b").values()).containsExactly(-32768f);
        assertThat(read.asMap().get("c").values()).containsExactly(-128f);
        assertThat(read.asMap().get("d").values()).containsExactly(255f);
        assertThat(read.asMap().get("e").values()).containsExactly(0.1f);
    }

    @Test
    void writesBytesExactlyAsPython() throws IOException {
        Path file = dir.resolve("out.safetensors");
        Safetensors.write(
                file,
                List.of(
                        Tensor.of("b", new long[] {2}, new float[] {5, 6}),
                        Tensor.of("a", new long[] {2, 2}, new float[] {1, 2, 3, 4})),
                DType.F32);
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]}}";
        byte[] data = le(24, b -> {
            for (int i = 1; i <= 6; i++) {
                b.putFloat(i);
            }
        });
        assertThat(header.length() % 8).as("this case needs padding").isNotZero();
        assertThat(Files.readAllBytes(file)).isEqualTo(fileBytes(header, data));
    }

    @Test
    void f32RoundTripIsBitwise() throws IOException {
        Random random = new Random(7);
        float[] values = new float[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.intBitsToFloat(random.nextInt()); // NaN payloads, subnormals, infinities included
        }
        values[0] = -0f;
        values[1] = Float.intBitsToFloat(0x7F80_0001); // a signalling NaN
        Tensor big = Tensor.of("big", new long[] {10, 100}, values);
        Tensor scalar = Tensor.of("scalar", new long[] {}, new float[] {3.5f});
        Tensor empty = Tensor.of("empty", new long[] {0, 4}, new float[0]);
        Path file = dir.resolve("f32.safetensors");
        Safetensors.write(file, List.of(big, scalar, empty), Map.of("k", "v\"\n"), DType.F32);

        SafetensorsFile read = Safetensors.read(file);
        assertThat(read.metadata()).isEqualTo(Map.of("k", "v\"\n"));
        assertThat(read.asMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("big", big, "scalar", scalar, "empty", empty));
        float[] back = read.tensor("big").orElseThrow().values();
        for (int i = 0; i < values.length; i++) {
            assertThat(Float.floatToRawIntBits(back[i])).isEqualTo(Float.floatToRawIntBits(values[i]));
        }
    }

    @Test
    void f16AndBf16RoundTripRoundToNearestEven() throws IOException {
        float[] in = {1f + 0x1p-11f, 1f + 3 * 0x1p-11f, 65520f, 0x1p-25f, 3 * 0x1p-25f, -0f, Float.NaN, 0.1f};
        float[] f16 = {
            1f, 1f + 2 * 0x1p-10f, Float.POSITIVE_INFINITY, 0f, 2 * 0x1p-24f, -0f, Float.NaN, 0.0999755859375f
        };
        float[] bf16In = {
            Float.intBitsToFloat(0x3F80_8000), Float.intBitsToFloat(0x3F81_8000), Float.MAX_VALUE, 0.1f, -0f
        };
        float[] bf16 = {1f, Float.intBitsToFloat(0x3F82_0000), Float.POSITIVE_INFINITY, 0.10009765625f, -0f};
        Path half = dir.resolve("half.safetensors");
        Safetensors.write(half, List.of(Tensor.of("x", new long[] {in.length}, in)), DType.F16);
        Path brain = dir.resolve("brain.safetensors");
        Safetensors.write(brain, List.of(Tensor.of("x", new long[] {bf16In.length}, bf16In)), DType.BF16);

        Tensor h = Safetensors.read(half).tensors().get(0);
        Tensor b = Safetensors.read(brain).tensors().get(0);
        assertThat(h).isEqualTo(new Tensor("x", DType.F16, new long[] {in.length}, f16));
        assertThat(b).isEqualTo(new Tensor("x", DType.BF16, new long[] {bf16In.length}, bf16));
        assertThat(Files.size(half)).isEqualTo(Safetensors.readHeader(half).dataStart() + 2L * in.length);
    }

    @Test
    void writeRejectsUnwritableTypesAndDuplicateNames() {
        Tensor t = Tensor.of("t", new long[] {1}, new float[] {1});
        assertThatThrownBy(() -> Safetensors.write(dir.resolve("x"), List.of(t), DType.I64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("I64");
        assertThatThrownBy(() -> Safetensors.write(dir.resolve("x"), List.of(t, t), DType.F32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unique");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void failedWriteLeavesNoFileBehindAndReplacesAtomically() throws IOException {
        Path target = Files.createDirectory(dir.resolve("taken.safetensors"));
        Files.writeString(target.resolve("inside"), "a directory cannot be replaced by a file");
        Tensor t = Tensor.of("t", new long[] {1}, new float[] {1});
        assertThatThrownBy(() -> Safetensors.write(target, List.of(t), DType.F32))
                .isInstanceOf(IOException.class);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }

        Path file = dir.resolve("w.safetensors");
        Safetensors.write(file, List.of(t), DType.F32);
        Safetensors.write(file, List.of(t.withName("u")), DType.BF16);
        assertThat(Safetensors.read(file).tensors()).extracting(Tensor::name).containsExactly("u");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(target, file);
        }
    }

    @Test
    void readsTensorsBeyondTwoGigabytes() throws IOException {
        // a sparse file: a 2.5 GB U8 tensor that is never read, then a small one that starts past 2^31
        long big = 2_500_000_000L;
        String header = "{\"big\":{\"dtype\":\"U8\",\"shape\":[" + big + "],\"data_offsets\":[0," + big + "]},"
                + "\"tail\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[" + big + "," + (big + 8) + "]}}";
        byte[] start = fileBytes(header, new byte[0]);
        Path file = write("huge.safetensors", start);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(start.length + big);
            raf.write(le(8, b -> b.putFloat(1.5f).putFloat(-2f)));
        }
        assertThat(Safetensors.readHeader(file).parameterCount()).isEqualTo(big + 2);
        assertThat(Safetensors.read(file, "tail"::equals).tensors())
                .containsExactly(Tensor.of("tail", new long[] {2}, new float[] {1.5f, -2f}));
        assertThatThrownBy(() -> Safetensors.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining(file + ": tensor 'big' has 2500000000 elements");
    }

    @Test
    void tensorValidatesShapeAgainstValues() {
        assertThatThrownBy(() -> Tensor.of("t", new long[] {2, 3}, new float[5]))
                .hasMessageContaining("tensor t: shape [2, 3] holds 6 values, got 5");
        assertThatThrownBy(() -> Tensor.of("t", new long[] {-1}, new float[0])).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> Tensor.of("", new long[] {}, new float[1])).hasMessageContaining("name");
        Tensor t = Tensor.of("t", new long[] {2, 3}, new float[6]);
        assertThat(t.numel()).isEqualTo(6);
        assertThat(t).hasToString("Tensor[t, F32, shape=[2, 3], numel=6]");
        assertThat(t).isEqualTo(Tensor.of("t", new long[] {2, 3}, new float[6]));
        assertThat(t).isNotEqualTo(Tensor.of("t", new long[] {3, 2}, new float[6]));
        assertThat(t.hashCode())
                .isEqualTo(Tensor.of("t", new long[] {2, 3}, new float[6]).hashCode());
        long[] shape = t.shape();
        shape[0] = 99;
        assertThat(t.dim(0)).isEqualTo(2);
    }

    @Test
    void emptyFileListStillHasAValidHeader() throws IOException {
        Path file = dir.resolve("none.safetensors");
        Safetensors.write(file, List.of(), Map.of(), DType.F32);
        assertThat(Files.readAllBytes(file)).isEqualTo(fileBytes("{}", new byte[0]));
        assertThat(Safetensors.read(file).tensors()).isEmpty();
    }
}
