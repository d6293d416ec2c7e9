package dev.rerank4j.io;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Streams the parts of an ONNX {@code ModelProto} that {@link OnnxGraph} holds. */
final class OnnxReader {
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_INT64_DATA = 7;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_DATA_LOCATION = 14;
    private static final int TYPE_FLOAT = 1;
    private static final int TYPE_INT64 = 7;
    private static final int CHUNK_BYTES = 1 << 20;

    private OnnxReader() {}

    static OnnxGraph read(InputStream stream, String source) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(stream, 1 << 16);
        in.setSizeLimit(Integer.MAX_VALUE);
        try {
            OnnxGraph graph = null;
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == MODEL_GRAPH && isLengthDelimited(tag)) {
                    int limit = in.pushLimit(in.readRawVarint32());
                    graph = readGraph(in, source);
                    in.popLimit(limit);
                } else {
                    in.skipField(tag);
                }
            }
            if (graph == null) {
                throw new WeightsFormatException(source + ": no graph (ModelProto field 7): not an ONNX model?");
            }
            return graph;
        } catch (InvalidProtocolBufferException e) {
            throw new WeightsFormatException(source + ": not a valid ONNX protobuf: " + e.getMessage(), e);
        }
    }

    private static OnnxGraph readGraph(CodedInputStream in, String source) throws IOException {
        List<Tensor> initializers = new ArrayList<>();
        List<OnnxNode> nodes = new ArrayList<>();
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == GRAPH_NODE && isLengthDelimited(tag)) {
                int limit = in.pushLimit(in.readRawVarint32());
                nodes.add(readNode(in));
                in.popLimit(limit);
            } else if (field == GRAPH_INITIALIZER && isLengthDelimited(tag)) {
                int limit = in.pushLimit(in.readRawVarint32());
                initializers.add(new InitializerReader(source).read(in));
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
        return new OnnxGraph(initializers, nodes);
    }

    private static OnnxNode readNode(CodedInputStream in) throws IOException {
        String name = "";
        String opType = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            switch (WireFormat.getTagFieldNumber(tag)) {
                case NODE_INPUT -> inputs.add(in.readString());
                case NODE_OUTPUT -> outputs.add(in.readString());
                case NODE_NAME -> name = in.readString();
                case NODE_OP_TYPE -> opType = in.readString();
                default -> in.skipField(tag);
            }
        }
        return new OnnxNode(name, opType, inputs, outputs);
    }

    private static boolean isLengthDelimited(int tag) {
        return WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }

    /** One {@code TensorProto}; fields may come in any order, so raw data waits for its type only if it must. */
    private static final class InitializerReader {
        private final String source;
        private final List<Long> dims = new ArrayList<>();
        private int dataType;
        private String name = "";
        private float[] typed = new float[0];
        private int typedCount;
        private float[] raw;
        private ByteString pendingRaw;

        InitializerReader(String source) {
            this.source = source;
        }

        Tensor read(CodedInputStream in) throws IOException {
            while (!in.isAtEnd()) {
                int tag = in.readTag();
                boolean packed = isLengthDelimited(tag);
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case TENSOR_DIMS -> readPacked(in, packed, () -> dims.add(in.readInt64()));
                    case TENSOR_DATA_TYPE -> dataType = in.readInt32();
                    case TENSOR_FLOAT_DATA -> readPacked(in, packed, () -> addTyped(in.readFloat()));
                    case TENSOR_INT64_DATA -> readPacked(in, packed, () -> addTyped(exact(in.readInt64())));
                    case TENSOR_NAME -> name = in.readString();
                    case TENSOR_RAW_DATA -> readRaw(in);
                    case TENSOR_DATA_LOCATION -> {
                        if (in.readInt32() == 1) {
                            throw error("uses external data; rerank4j reads only weights stored inside the .onnx file");
                        }
                    }
                    default -> in.skipField(tag);
                }
            }
            return build();
        }

        private Tensor build() throws IOException {
            if (name.isEmpty()) {
                throw error("has no name");
            }
            DType dtype = dtype();
            if (pendingRaw != null) {
                raw = decode(dtype, pendingRaw.asReadOnlyByteBuffer(), pendingRaw.size());
            }
            float[] values = raw != null ? raw : Arrays.copyOf(typed, typedCount);
            long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
            if (Tensor.numel(shape) != values.length) {
                throw error("dims " + Arrays.toString(shape) + " do not match its " + values.length + " values");
            }
            return new Tensor(name, dtype, shape, values);
        }

        private DType dtype() throws WeightsFormatException {
            return switch (dataType) {
                case TYPE_FLOAT -> DType.F32;
                case TYPE_INT64 -> DType.I64;
                default -> throw error("has data_type " + dataType + "; rerank4j reads FLOAT (1) and INT64 (7)");
            };
        }

        private void readRaw(CodedInputStream in) throws IOException {
            if (dataType == 0) { // type not seen yet: keep the bytes until it is
                pendingRaw = in.readBytes();
                return;
            }
            int length = in.readRawVarint32();
            DType dtype = dtype();
            if (length < 0 || length % dtype.byteSize() != 0) {
                throw error("raw_data of " + length + " bytes is not a whole number of " + dtype + " values");
            }
            int numel = length / dtype.byteSize();
            raw = new float[numel];
            int perChunk = CHUNK_BYTES / dtype.byteSize();
            for (int done = 0; done < numel; ) {
                int count = Math.min(perChunk, numel - done);
                ByteBuffer chunk = ByteBuffer.wrap(in.readRawBytes(count * dtype.byteSize()));
                TensorCodec.decode(dtype, chunk.order(ByteOrder.LITTLE_ENDIAN), raw, done, count, context());
                done += count;
            }
        }

        private float[] decode(DType dtype, ByteBuffer bytes, int length) throws WeightsFormatException {
            if (length % dtype.byteSize() != 0) {
                throw error("raw_data of " + length + " bytes is not a whole number of " + dtype + " values");
            }
            float[] out = new float[length / dtype.byteSize()];
            TensorCodec.decode(dtype, bytes.order(ByteOrder.LITTLE_ENDIAN), out, 0, out.length, context());
            return out;
        }

        private float exact(long value) throws WeightsFormatException {
            return TensorCodec.exactFloat(value, typedCount, context());
        }

        private void addTyped(float value) {
            if (typedCount == typed.length) {
                typed = Arrays.copyOf(typed, Math.max(16, typed.length * 2));
            }
            typed[typedCount++] = value;
        }

        private String context() {
            return source + ": initializer '" + name + "'";
        }

        private WeightsFormatException error(String reason) {
            return new WeightsFormatException(context() + " " + reason);
        }
    }

    @FunctionalInterface
    private interface ValueReader {
        void readOne() throws IOException;
    }

    private static void readPacked(CodedInputStream in, boolean packed, ValueReader reader) throws IOException {
        if (!packed) {
            reader.readOne();
            return;
        }
        int limit = in.pushLimit(in.readRawVarint32());
        while (!in.isAtEnd()) {
            reader.readOne();
        }
        in.popLimit(limit);
    }
}
