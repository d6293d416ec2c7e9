package dev.rerank4j.model.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The data file of an ONNX graph stored with external data ({@code model.onnx} + {@code model.onnx_data}, as
 * optimum and sentence-transformers write a model past protobuf's 2 GB limit): the large initializers' raw bytes one
 * after the other, each starting at a multiple of {@link #ALIGNMENT} (so that a runtime may map them), referenced
 * from the graph by {@code location}, {@code offset} and {@code length}. Arrays are kept by reference until
 * {@link #writeTo}.
 */
final class ExternalData {
    /** Initializers smaller than this stay inside the graph (as the {@code onnx} package's default threshold). */
    static final int MIN_BYTES = 1024;

    /** The alignment of each tensor's offset in the data file. */
    static final int ALIGNMENT = 4096;

    private final String location;
    private final List<byte[]> chunks = new ArrayList<>();
    private long size;

    /** @param location the data file's name, relative to the graph file's folder */
    ExternalData(String location) {
        if (location == null || location.isEmpty() || location.contains("/") || location.contains("\\")) {
            throw new IllegalArgumentException("external data location must be a plain file name, got " + location);
        }
        this.location = location;
    }

    /** The data file's name, relative to the graph file. */
    String location() {
        return location;
    }

    /** Appends one tensor's bytes, aligned; returns its offset. */
    long append(byte[] raw) {
        long padding = (ALIGNMENT - size % ALIGNMENT) % ALIGNMENT;
        if (padding > 0) {
            chunks.add(new byte[(int) padding]);
            size += padding;
        }
        long offset = size;
        chunks.add(raw);
        size += raw.length;
        return offset;
    }

    /** The data file's size in bytes. */
    long size() {
        return size;
    }

    /** Streams the data file. */
    void writeTo(OutputStream out) throws IOException {
        for (byte[] chunk : chunks) {
            out.write(chunk);
        }
    }
}
