package dev.rerank4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The weights (initializers) and node wiring of an ONNX model, read straight from the protobuf wire format.
 *
 * <p>Only what is needed to lift weights out of an exported model is read: {@code ModelProto.graph} (7), its
 * {@code node}s (1: input, output, name, op_type) and {@code initializer}s (5: dims, data_type, float_data,
 * int64_data, name, raw_data). FLOAT and INT64 initializers are supported, stored inline as {@code raw_data} or
 * typed data; external data is refused. The file is streamed: apart from a small buffer, memory holds only the
 * converted float arrays, never a second copy of the file.
 *
 * @param initializers the initializers, in file order (INT64 ones converted exactly to float32, see {@link Tensor})
 * @param nodes the nodes, in file (topological) order
 */
public record OnnxGraph(List<Tensor> initializers, List<OnnxNode> nodes) {
    public OnnxGraph {
        initializers = List.copyOf(initializers);
        nodes = List.copyOf(nodes);
    }

    /**
     * Reads an {@code .onnx} file.
     *
     * @throws WeightsFormatException if it is not a valid ONNX protobuf, has no graph, or holds an initializer of
     *     another type, with external data, or whose data does not match its dims
     */
    public static OnnxGraph read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return OnnxReader.read(in, file.toString());
        }
    }

    /**
     * Reads an ONNX model from a stream (e.g. a classpath resource), which the caller closes.
     *
     * @param source names the stream in error messages
     */
    public static OnnxGraph read(InputStream in, String source) throws IOException {
        return OnnxReader.read(in, source);
    }

    /** The initializer named {@code name}, if present. */
    public Optional<Tensor> initializer(String name) {
        return initializers.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The initializers by name, in file order, in a new map the caller owns. */
    public Map<String, Tensor> initializersByName() {
        Map<String, Tensor> map = new LinkedHashMap<>();
        initializers.forEach(t -> map.put(t.name(), t));
        return map;
    }

    /** The nodes that take {@code valueName} as an input, in graph order. */
    public List<OnnxNode> consumersOf(String valueName) {
        return nodes.stream().filter(n -> n.inputs().contains(valueName)).toList();
    }
}
