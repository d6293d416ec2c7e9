package dev.rerank4j.io;

import static dev.rerank4j.io.SafetensorsTest.fileBytes;
import static dev.rerank4j.io.SafetensorsTest.le;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a safetensors file can be broken fails with a message naming the file and the reason. */
class SafetensorsMalformedTest {
    @TempDir
    Path dir;

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + ","
                + end + "]}";
    }

    private static byte[] raw(long headerLength, String body) {
        byte[] text = body.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[8 + text.length];
        System.arraycopy(le(8, b -> b.putLong(headerLength)), 0, out, 0, 8);
        System.arraycopy(text, 0, out, 8, text.length);
        return out;
    }

    static Stream<Arguments> brokenFiles() {
        byte[] valid = fileBytes("{" + entry("a", "F32", "[2]", 0, 8) + "}", new byte[8]);
        return Stream.of(
                Arguments.of("empty file", new byte[0], "file has 0 bytes, fewer than the 8-byte header length"),
                Arguments.of("5 bytes", new byte[5], "file has 5 bytes"),
                Arguments.of("header longer than file", raw(1000, "{}"), "header length 1000 is larger than the file"),
                Arguments.of("hostile header length", raw(Long.MAX_VALUE / 2, "{}"), "is absurd (at most 100000000)"),
                Arguments.of("negative header length", raw(-1, "{}"), "header length 18446744073709551615 is absurd"),
                Arguments.of("not JSON", fileBytes("{\"a\": nope}", new byte[0]), "header is not valid JSON"),
                Arguments.of(
                        "zeroed bytes in the header (not guessed as UTF-32)",
                        fileBytes("{\0\0\0\0}", new byte[0]),
                        ":1:3: the safetensors header is not valid JSON (Illegal character ((CTRL-CHAR, code 0))"),
                Arguments.of("JSON with trailing junk", fileBytes("{} x", new byte[0]), "header is not valid JSON"),
                Arguments.of(
                        "JSON array", fileBytes("[1, 2]", new byte[0]), "header is not a JSON object (found ARRAY)"),
                Arguments.of("blank header", fileBytes("", new byte[0]), "header is not a JSON object"),
                Arguments.of(
                        "duplicate name",
                        fileBytes(
                                "{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("a", "F32", "[1]", 4, 8) + "}",
                                new byte[8]),
                        "header is not valid JSON (Duplicate field 'a'"),
                Arguments.of(
                        "unknown dtype",
                        fileBytes("{" + entry("a", "F8_E4M3", "[2]", 0, 2) + "}", new byte[2]),
                        "tensor 'a': unknown dtype 'F8_E4M3'"),
                Arguments.of(
                        "entry not an object",
                        fileBytes("{\"a\":[0,4]}", new byte[4]),
                        "tensor 'a': expected an object with dtype, shape, data_offsets"),
                Arguments.of(
                        "negative dimension",
                        fileBytes("{" + entry("a", "F32", "[-1]", 0, 4) + "}", new byte[4]),
                        "tensor 'a': \"shape\" must be an array of integers >= 0, found [-1]"),
                Arguments.of(
                        "three offsets",
                        fileBytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", new byte[4]),
                        "\"data_offsets\" must be 2 integers >= 0"),
                Arguments.of(
                        "size mismatch",
                        fileBytes("{" + entry("a", "F32", "[2,2]", 0, 12) + "}", new byte[12]),
                        "tensor 'a': shape [2, 2] of dtype F32 needs 16 bytes but data_offsets [0, 12] span 12"),
                Arguments.of(
                        "offsets backwards",
                        fileBytes("{" + entry("a", "F32", "[0]", 8, 4) + "}", new byte[8]),
                        "data_offsets [8, 4] end before they begin"),
                Arguments.of(
                        "out of range",
                        fileBytes("{" + entry("a", "F32", "[4]", 0, 16) + "}", new byte[8]),
                        "tensor 'a' data_offsets [0, 16] is out of range: the data section has 8 bytes"),
                Arguments.of(
                        "overlap",
                        fileBytes(
                                "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[1]", 4, 8) + "}",
                                new byte[8]),
                        "tensor 'b' data_offsets [4, 8] overlaps tensor 'a', which ends at 8"),
                Arguments.of(
                        "gap",
                        fileBytes(
                                "{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}",
                                new byte[12]),
                        "data bytes [4, 8) belong to no tensor (gap before 'b')"),
                Arguments.of(
                        "trailing data",
                        fileBytes("{" + entry("a", "F32", "[1]", 0, 4) + "}", new byte[12]),
                        "the data section has 12 bytes but the tensors cover only 4"),
                Arguments.of(
                        "truncated",
                        Arrays.copyOf(valid, valid.length - 3),
                        "tensor 'a' data_offsets [0, 8] is out of range: the data section has 5 bytes (file truncated?)"),
                Arguments.of(
                        "metadata not an object",
                        fileBytes("{\"__metadata__\":[1]}", new byte[0]),
                        "__metadata__ must be a JSON object of strings"),
                Arguments.of(
                        "metadata value not a string",
                        fileBytes("{\"__metadata__\":{\"epoch\":3}}", new byte[0]),
                        "__metadata__ value of 'epoch' must be a string, found NUMBER"),
                Arguments.of(
                        "int64 beyond float32",
                        fileBytes(
                                "{" + entry("ids", "I64", "[2]", 0, 16) + "}",
                                le(16, b -> b.putLong(1).putLong(16_777_217))),
                        "tensor 'ids': element 1 = 16777217 is not exactly representable as float32"),
                Arguments.of(
                        "int32 max",
                        fileBytes("{" + entry("i", "I32", "[1]", 0, 4) + "}", le(4, b -> b.putInt(Integer.MAX_VALUE))),
                        "element 0 = 2147483647 is not exactly representable"),
                Arguments.of(
                        "int64 max",
                        fileBytes("{" + entry("i", "I64", "[1]", 0, 8) + "}", le(8, b -> b.putLong(Long.MAX_VALUE))),
                        "element 0 = 9223372036854775807 is not exactly representable"),
                Arguments.of(
                        "bool byte 2",
                        fileBytes("{" + entry("m", "BOOL", "[2]", 0, 2) + "}", new byte[] {1, 2}),
                        "tensor 'm': element 1 of a BOOL tensor is byte 2, expected 0 or 1"),
                Arguments.of(
                        "f64 overflow",
                        fileBytes("{" + entry("d", "F64", "[1]", 0, 8) + "}", le(8, b -> b.putDouble(1e300))),
                        "tensor 'd': element 0 = 1.0E300 overflows float32"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void brokenFileFailsNamingFileAndReason(String label, byte[] content, String reason) throws IOException {
        Path file = Files.write(dir.resolve("broken.safetensors"), content);
        assertThatThrownBy(() -> Safetensors.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessageStartingWith(file + ":")
                .hasMessageContaining(reason);
    }

    @Test
    void headerOnlyReadChecksLayoutButNotValues() throws IOException {
        Path file = Files.write(
                dir.resolve("ids.safetensors"),
                fileBytes("{" + entry("ids", "I64", "[1]", 0, 8) + "}", le(8, b -> b.putLong(Long.MAX_VALUE))));
        assertThat(Safetensors.readHeader(file).tensors())
                .extracting(SafetensorsHeader.Entry::name)
                .containsExactly("ids");
        Path gap = Files.write(
                dir.resolve("gap.safetensors"), fileBytes("{" + entry("a", "F32", "[1]", 4, 8) + "}", new byte[8]));
        assertThatThrownBy(() -> Safetensors.readHeader(gap)).hasMessageContaining("data bytes [0, 4) belong to no");
    }

    @Test
    void absurdShapeFailsBeforeAnyAllocation() throws IOException {
        // 2^62 F32 elements would be 2^64 bytes: the size check overflows and fails; nothing is allocated from it
        String header = "{" + entry("a", "F32", "[4611686018427387904]", 0, 8) + "}";
        Path file = Files.write(dir.resolve("huge.safetensors"), fileBytes(header, new byte[8]));
        assertThatThrownBy(() -> Safetensors.read(file))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("tensor 'a': shape [4611686018427387904] is too large");
    }
}
