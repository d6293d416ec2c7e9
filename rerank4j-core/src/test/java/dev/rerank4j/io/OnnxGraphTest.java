package dev.rerank4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxGraphTest {
    @TempDir
    Path dir;

    /** Writes one protobuf message body. */
    @FunctionalInterface
    interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    static byte[] message(Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        body.write(out);
        out.flush();
        return bytes.toByteArray();
    }

    static byte[] rawFloats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    static byte[] rawLongs(long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    static byte[] model(byte[]... graphParts) throws IOException {
        byte[] graph = message(out -> {
            out.writeString(2, "test-graph");
            for (byte[] part : graphParts) {
                out.writeRawBytes(part);
            }
        });
        return message(out -> {
            out.writeInt64(1, 6); // ir_version
            out.writeString(2, "handmade"); // producer_name
            out.writeByteArray(8, message(o -> o.writeInt64(2, 11))); // opset_import
            out.writeByteArray(7, graph);
        });
    }

    static byte[] initializer(Body body) throws IOException {
        return message(out -> out.writeByteArray(5, message(body)));
    }

    static byte[] node(String name, String op, List<String> inputs, List<String> outputs) throws IOException {
        return message(out -> out.writeByteArray(1, message(n -> {
            for (String in : inputs) {
                n.writeString(1, in);
            }
            for (String o : outputs) {
                n.writeString(2, o);
            }
            n.writeString(3, name);
            n.writeString(4, op);
            n.writeByteArray(5, message(a -> a.writeString(1, "alpha"))); // an attribute, skipped
        })));
    }

    private static OnnxGraph parse(byte[] bytes) throws IOException {
        return OnnxGraph.read(new ByteArrayInputStream(bytes), "test.onnx");
    }

    @Test
    void readsRawTypedPackedAndUnpackedInitializersAndNodes() throws IOException {
        byte[] bytes = model(
                node("/m/MatMul", "MatMul", List.of("x", "w"), List.of("y")),
                initializer(t -> {
                    t.writeInt64(1, 2);
                    t.writeInt64(1, 3);
                    t.writeInt32(2, 1);
                    t.writeString(8, "w");
                    t.writeString(12, "a doc string, skipped");
                    t.writeByteArray(9, rawFloats(1, 2, 3, 4, 5, 6));
                }),
                node("", "Add", List.of("y", "f"), List.of("z")),
                initializer(t -> {
                    t.writeByteArray(1, message(d -> d.writeInt64NoTag(2))); // packed dims
                    t.writeInt32(2, 1);
                    t.writeByteArray(4, rawFloats(1.5f, -2f)); // packed float_data
                    t.writeString(8, "f");
                }),
                initializer(t -> {
                    t.writeInt64(1, 3);
                    t.writeInt32(2, 7);
                    t.writeString(8, "i");
                    t.writeByteArray(9, rawLongs(0, 1, -5));
                }),
                initializer(t -> {
                    t.writeInt64(1, 2);
                    t.writeInt32(2, 7);
                    t.writeByteArray(7, message(d -> {
                        d.writeInt64NoTag(7);
                        d.writeInt64NoTag(-9);
                    })); // packed int64_data
                    t.writeString(8, "j");
                }),
                initializer(t -> {
                    t.writeInt64(1, 2);
                    t.writeInt32(2, 7);
                    t.writeInt64(7, 4); // unpacked int64_data
                    t.writeInt64(7, 16_777_216);
                    t.writeString(8, "k");
                }),
                initializer(t -> {
                    t.writeFloat(4, 0.25f); // unpacked float_data
                    t.writeInt32(2, 1);
                    t.writeString(8, "scalar");
                }),
                initializer(t -> {
                    t.writeByteArray(9, rawFloats(7, 8)); // raw_data before its data_type
                    t.writeString(8, "late");
                    t.writeInt32(2, 1);
                    t.writeInt64(1, 2);
                }));

        OnnxGraph graph = parse(bytes);

        assertThat(graph.nodes())
                .containsExactly(
                        new OnnxNode("/m/MatMul", "MatMul", List.of("x", "w"), List.of("y")),
                        new OnnxNode("", "Add", List.of("y", "f"), List.of("z")));
        assertThat(graph.initializers())
                .containsExactly(
                        new Tensor("w", DType.F32, new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}),
                        new Tensor("f", DType.F32, new long[] {2}, new float[] {1.5f, -2f}),
                        new Tensor("i", DType.I64, new long[] {3}, new float[] {0, 1, -5}),
                        new Tensor("j", DType.I64, new long[] {2}, new float[] {7, -9}),
                        new Tensor("k", DType.I64, new long[] {2}, new float[] {4, 16_777_216}),
                        new Tensor("scalar", DType.F32, new long[] {}, new float[] {0.25f}),
                        new Tensor("late", DType.F32, new long[] {2}, new float[] {7, 8}));
        assertThat(graph.consumersOf("w")).extracting(OnnxNode::opType).containsExactly("MatMul");
        assertThat(graph.initializer("f")).isPresent();
        Path file = Files.write(dir.resolve("m.onnx"), bytes);
        assertThat(OnnxGraph.read(file)).isEqualTo(graph);
    }

    @Test
    void brokenModelsFailNamingSourceAndReason() throws IOException {
        assertFails(message(out -> out.writeInt64(1, 6)), "test.onnx: no graph (ModelProto field 7)");
        byte[] valid = model(initializer(t -> {
            t.writeInt64(1, 2);
            t.writeInt32(2, 1);
            t.writeString(8, "w");
            t.writeByteArray(9, rawFloats(1, 2));
        }));
        assertFails(Arrays.copyOf(valid, valid.length - 3), "test.onnx: not a valid ONNX protobuf");
        assertFails(
                model(initializer(t -> {
                    t.writeInt32(2, 1);
                    t.writeString(8, "ext");
                    t.writeInt32(14, 1);
                })),
                "test.onnx: initializer 'ext' uses external data");
        assertFails(
                model(initializer(t -> {
                    t.writeInt32(2, 11);
                    t.writeString(8, "d");
                    t.writeByteArray(9, new byte[8]);
                })),
                "initializer 'd' has data_type 11; rerank4j reads FLOAT (1) and INT64 (7)");
        assertFails(
                model(initializer(t -> {
                    t.writeInt64(1, 4);
                    t.writeInt32(2, 1);
                    t.writeString(8, "short");
                    t.writeByteArray(9, rawFloats(1, 2, 3));
                })),
                "initializer 'short' dims [4] do not match its 3 values");
        assertFails(
                model(initializer(t -> {
                    t.writeInt32(2, 1);
                    t.writeString(8, "odd");
                    t.writeByteArray(9, new byte[5]);
                })),
                "initializer 'odd' raw_data of 5 bytes is not a whole number of F32 values");
        assertFails(
                model(initializer(t -> {
                    t.writeInt64(1, 1);
                    t.writeInt32(2, 7);
                    t.writeString(8, "big");
                    t.writeByteArray(9, rawLongs(Long.MIN_VALUE + 1));
                })),
                "initializer 'big': element 0 = -9223372036854775807 is not exactly representable as float32");
        assertFails(model(initializer(t -> t.writeInt32(2, 1))), "initializer '' has no name");
    }

    private static void assertFails(byte[] bytes, String message) {
        assertThatThrownBy(() -> parse(bytes))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining(message);
    }

    @Test
    void readsTheBundledMiniLmExport() throws IOException {
        OnnxGraph graph;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("all-minilm-l6-v2.onnx")) {
            assertThat(in).as("all-minilm-l6-v2.onnx on the test classpath").isNotNull();
            graph = OnnxGraph.read(in, "all-minilm-l6-v2.onnx");
        }
        assertThat(graph.initializers()).hasSize(102);
        assertThat(graph.initializers().stream().mapToLong(Tensor::numel).sum()).isEqualTo(22_565_888L);
        Tensor positions = graph.initializer("embeddings.position_ids").orElseThrow();
        assertThat(positions.storedAs()).isEqualTo(DType.I64);
        assertThat(positions.shape()).containsExactly(1, 512);
        for (int i = 0; i < 512; i++) {
            assertThat(positions.values()[i]).isEqualTo(i);
        }
        assertThat(graph.initializer("embeddings.word_embeddings.weight")
                        .orElseThrow()
                        .shape())
                .containsExactly(30522, 384);
        assertThat(graph.initializers().stream().filter(t -> t.name().startsWith("onnx::MatMul_")))
                .hasSize(36)
                .allSatisfy(t -> assertThat(graph.consumersOf(t.name()))
                        .singleElement()
                        .satisfies(n -> assertThat(n.opType()).isEqualTo("MatMul")));
        Map<String, Long> ops =
                graph.nodes().stream().collect(Collectors.groupingBy(OnnxNode::opType, Collectors.counting()));
        assertThat(ops).containsEntry("MatMul", 48L).containsEntry("Erf", 6L).containsEntry("Softmax", 6L);
        assertThat(graph.nodes()).hasSize(637);
        assertThat(graph.initializersByName().keySet())
                .contains("encoder.layer.5.output.LayerNorm.bias")
                .hasSize(102);
    }
}
