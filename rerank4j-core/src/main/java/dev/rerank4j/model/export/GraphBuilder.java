package dev.rerank4j.model.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX graph under construction: nodes in topological order, initializers (weights and constants, stored as
 * little-endian {@code raw_data}), and the graph's inputs and outputs with named dynamic axes. {@link #toModel}
 * encodes it as a {@code ModelProto} (onnx.proto3 field numbers).
 */
final class GraphBuilder {
    /** ONNX element types ({@code TensorProto.DataType}). */
    static final int FLOAT = 1;

    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int BOOL = 9;

    /** The IR version written: 8 (ONNX 1.10+), which every ONNX Runtime since 1.10 loads. */
    static final long IR_VERSION = 8;

    /** The default-domain opset: 17 (LayerNormalization). */
    static final long OPSET = 17;

    /** One node attribute: an int, a float or a list of ints. */
    record Attribute(String name, int type, long i, float f, long[] ints) {
        static final int FLOAT_TYPE = 1;
        static final int INT_TYPE = 2;
        static final int INTS_TYPE = 7;

        static Attribute of(String name, long value) {
            return new Attribute(name, INT_TYPE, value, 0f, new long[0]);
        }

        static Attribute of(String name, float value) {
            return new Attribute(name, FLOAT_TYPE, 0, value, new long[0]);
        }

        static Attribute ints(String name, long... values) {
            return new Attribute(name, INTS_TYPE, 0, 0f, values.clone());
        }
    }

    /** One node. */
    record Node(
            String name,
            String opType,
            String domain,
            List<String> inputs,
            List<String> outputs,
            List<Attribute> attributes) {}

    /** One initializer: its raw little-endian bytes. */
    record Initializer(String name, int dataType, long[] dims, byte[] raw) {}

    /** A graph input or output: element type and axes, each a size ({@code Long}) or a symbolic name. */
    record Port(String name, int elemType, List<Object> dims) {}

    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Initializer> initializers = new LinkedHashMap<>();
    private final List<Port> inputs = new ArrayList<>();
    private final List<Port> outputs = new ArrayList<>();
    private int counter;

    /** Declares a graph input. */
    OnnxValue input(String name, int elemType, List<Object> dims) {
        inputs.add(new Port(name, elemType, dims));
        return new OnnxValue(
                name,
                elemType,
                dims.stream().mapToLong(d -> d instanceof Long l ? l : -1).toArray());
    }

    /** Declares a graph output, renaming {@code value} to {@code name} with an Identity node. */
    void output(String name, OnnxValue value, List<Object> dims) {
        node("Identity", List.of(value.name()), List.of(name), List.of());
        outputs.add(new Port(name, value.elemType(), dims));
    }

    /** Adds a node with one output of a fresh name. */
    String node(String opType, List<String> in, Attribute... attributes) {
        String out = fresh(opType);
        node(opType, in, List.of(out), List.of(attributes));
        return out;
    }

    /** Adds a node with the given outputs in the default domain. */
    void node(String opType, List<String> in, List<String> out, List<Attribute> attributes) {
        nodes.add(new Node(opType + "_" + (counter++), opType, "", List.copyOf(in), List.copyOf(out), attributes));
    }

    /** A fresh value name. */
    String fresh(String hint) {
        return hint.toLowerCase(java.util.Locale.ROOT) + "_" + (counter++);
    }

    /** Whether an initializer of this name exists. */
    boolean hasInitializer(String name) {
        return initializers.containsKey(name);
    }

    /** The initializer of this name, or null. */
    Initializer initializer(String name) {
        return initializers.get(name);
    }

    /** Adds (or replaces) an initializer. */
    void initializer(Initializer init) {
        initializers.put(init.name(), init);
    }

    /** A float32 initializer. */
    String floats(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        initializer(new Initializer(name, FLOAT, dims.clone(), b.array()));
        return name;
    }

    /** An int64 initializer. */
    String longs(String name, long[] dims, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        initializer(new Initializer(name, INT64, dims.clone(), b.array()));
        return name;
    }

    /** A float32 scalar constant (shared by value). */
    String scalar(float value) {
        String name = "const_f_" + Integer.toHexString(Float.floatToRawIntBits(value));
        return hasInitializer(name) ? name : floats(name, new long[0], new float[] {value});
    }

    /** An int64 scalar constant (shared by value). */
    String scalar(long value) {
        String name = "const_l_" + (value < 0 ? "m" + (-value) : Long.toString(value));
        return hasInitializer(name) ? name : longs(name, new long[0], new long[] {value});
    }

    /** A 1-D int64 constant (shared by value). */
    String vector(long... values) {
        String name =
                "const_v_" + Arrays.toString(values).replaceAll("[^0-9-]+", "_").replace('-', 'm');
        return hasInitializer(name) ? name : longs(name, new long[] {values.length}, values);
    }

    /** The nodes, in order (a live view, for rewriting passes). */
    List<Node> nodes() {
        return nodes;
    }

    /** Removes an initializer. */
    void removeInitializer(String name) {
        initializers.remove(name);
    }

    /** The number of weight elements stored. */
    long initializerBytes() {
        return initializers.values().stream().mapToLong(i -> i.raw().length).sum();
    }

    /**
     * The {@code ModelProto}: IR {@link #IR_VERSION}, the default opset {@link #OPSET} (and {@code com.microsoft}
     * 1 when a node uses it), metadata properties as given.
     */
    ProtoMessage toModel(String graphName, String producerVersion, Map<String, String> metadata) {
        return toModel(graphName, producerVersion, metadata, null);
    }

    /**
     * The {@code ModelProto} as {@link #toModel(String, String, Map)}, with the initializers of at least
     * {@link ExternalData#MIN_BYTES} bytes stored in {@code external} (ONNX external data) when it is not null.
     */
    ProtoMessage toModel(
            String graphName, String producerVersion, Map<String, String> metadata, ExternalData external) {
        ProtoMessage graph = new ProtoMessage();
        for (Node n : nodes) {
            graph.message(1, node(n));
        }
        graph.string(2, graphName);
        for (Initializer init : initializers.values()) {
            ProtoMessage t = new ProtoMessage();
            for (long d : init.dims()) {
                t.varint(1, d);
            }
            t.varint(2, init.dataType()).string(8, init.name());
            if (external != null && init.raw().length >= ExternalData.MIN_BYTES) {
                long offset = external.append(init.raw());
                t.message(13, entry("location", external.location()));
                t.message(13, entry("offset", Long.toString(offset)));
                t.message(13, entry("length", Long.toString(init.raw().length)));
                t.varint(14, 1); // data_location: EXTERNAL
            } else {
                t.bytes(9, init.raw());
            }
            graph.message(5, t);
        }
        inputs.forEach(p -> graph.message(11, port(p)));
        outputs.forEach(p -> graph.message(12, port(p)));
        ProtoMessage model = new ProtoMessage()
                .varint(1, IR_VERSION)
                .string(2, "rerank4j")
                .string(3, producerVersion)
                .message(7, graph)
                .message(8, new ProtoMessage().string(1, "").varint(2, OPSET));
        if (nodes.stream().anyMatch(n -> n.domain().equals("com.microsoft"))) {
            model.message(8, new ProtoMessage().string(1, "com.microsoft").varint(2, 1));
        }
        metadata.forEach(
                (k, v) -> model.message(14, new ProtoMessage().string(1, k).string(2, v)));
        return model;
    }

    /** A {@code StringStringEntryProto}. */
    private static ProtoMessage entry(String key, String value) {
        return new ProtoMessage().string(1, key).string(2, value);
    }

    private static ProtoMessage node(Node n) {
        ProtoMessage m = new ProtoMessage();
        n.inputs().forEach(i -> m.string(1, i));
        n.outputs().forEach(o -> m.string(2, o));
        m.string(3, n.name()).string(4, n.opType());
        for (Attribute a : n.attributes()) {
            ProtoMessage am = new ProtoMessage().string(1, a.name());
            switch (a.type()) {
                case Attribute.FLOAT_TYPE -> am.float32(2, a.f());
                case Attribute.INT_TYPE -> am.varint(3, a.i());
                default -> {
                    for (long v : a.ints()) {
                        am.varint(8, v);
                    }
                }
            }
            am.varint(20, a.type());
            m.message(5, am);
        }
        if (!n.domain().isEmpty()) {
            m.string(7, n.domain());
        }
        return m;
    }

    private static ProtoMessage port(Port p) {
        ProtoMessage shape = new ProtoMessage();
        for (Object d : p.dims()) {
            ProtoMessage dim = new ProtoMessage();
            if (d instanceof Long size) {
                dim.varint(1, size);
            } else {
                dim.string(2, d.toString());
            }
            shape.message(1, dim);
        }
        ProtoMessage tensor = new ProtoMessage().varint(1, p.elemType()).message(2, shape);
        return new ProtoMessage().string(1, p.name()).message(2, new ProtoMessage().message(1, tensor));
    }
}
