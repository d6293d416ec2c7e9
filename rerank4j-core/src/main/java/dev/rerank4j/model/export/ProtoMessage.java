package dev.rerank4j.model.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A protocol-buffers message in the wire format, built field by field (only what ONNX needs: varints, 32-bit floats,
 * strings, bytes and nested messages). Large byte fields (weights) are kept by reference, never copied, until
 * {@link #writeTo} streams them out.
 */
final class ProtoMessage {
    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private final List<byte[]> chunks = new ArrayList<>();
    private long size;

    /** An int64/int32/enum field. */
    ProtoMessage varint(int field, long value) {
        byte[] buf = new byte[20];
        int n = putVarint(buf, 0, tag(field, VARINT));
        n = putVarint(buf, n, value);
        return add(buf, n);
    }

    /** A float field. */
    ProtoMessage float32(int field, float value) {
        byte[] buf = new byte[9];
        int n = putVarint(buf, 0, tag(field, FIXED32));
        int bits = Float.floatToRawIntBits(value);
        for (int i = 0; i < 4; i++) {
            buf[n++] = (byte) (bits >>> (8 * i));
        }
        return add(buf, n);
    }

    /** A string field (UTF-8). */
    ProtoMessage string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A bytes field; {@code value} is kept by reference. */
    ProtoMessage bytes(int field, byte[] value) {
        header(field, value.length);
        chunks.add(value);
        size += value.length;
        return this;
    }

    /** An embedded message; its chunks are shared, not copied. */
    ProtoMessage message(int field, ProtoMessage value) {
        header(field, value.size);
        chunks.addAll(value.chunks);
        size += value.size;
        return this;
    }

    /** The encoded size in bytes. */
    long size() {
        return size;
    }

    /** Streams the encoded message. */
    void writeTo(OutputStream out) throws IOException {
        for (byte[] chunk : chunks) {
            out.write(chunk);
        }
    }

    private void header(int field, long length) {
        byte[] buf = new byte[20];
        int n = putVarint(buf, 0, tag(field, LENGTH_DELIMITED));
        n = putVarint(buf, n, length);
        add(buf, n);
    }

    private ProtoMessage add(byte[] buf, int n) {
        byte[] exact = new byte[n];
        System.arraycopy(buf, 0, exact, 0, n);
        chunks.add(exact);
        size += n;
        return this;
    }

    private static long tag(int field, int wireType) {
        return ((long) field << 3) | wireType;
    }

    private static int putVarint(byte[] buf, int at, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            buf[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[at++] = (byte) v;
        return at;
    }
}
