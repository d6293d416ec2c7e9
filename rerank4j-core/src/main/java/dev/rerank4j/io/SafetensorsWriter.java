package dev.rerank4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes safetensors files byte-for-byte as Python's {@code safetensors} does for tensors of one dtype: compact JSON
 * header with {@code __metadata__} first, tensors sorted by name, header padded with spaces to a multiple of 8,
 * data in header order.
 */
final class SafetensorsWriter {
    private static final int CHUNK_BYTES = 1 << 20;

    private SafetensorsWriter() {}

    static void write(Path file, List<Tensor> tensors, Map<String, String> metadata, DType as) throws IOException {
        if (!as.writable()) {
            throw new IllegalArgumentException("as must be F32, F16 or BF16, got " + as);
        }
        List<Tensor> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparing(Tensor::name));
        Set<String> names = new HashSet<>();
        for (Tensor t : sorted) {
            if (t.name().equals("__metadata__") || !names.add(t.name())) {
                throw new IllegalArgumentException("tensor names must be unique and not __metadata__, got " + t.name()
                        + " twice or reserved (writing " + file + ")");
            }
        }
        byte[] header = header(sorted, new TreeMap<>(metadata), as);
        Path target = file.toAbsolutePath();
        Path temp = TempPaths.sibling(target, TempPaths.Kind.TMP);
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeAll(
                        out,
                        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length));
                writeAll(out, ByteBuffer.wrap(header));
                ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (Tensor t : sorted) {
                    writeValues(out, t.values(), as, chunk);
                }
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The header bytes, padding included. */
    static byte[] header(List<Tensor> sorted, Map<String, String> metadata, DType as) {
        StringBuilder json = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            json.append("\"__metadata__\":{");
            metadata.forEach((k, v) -> quote(json, k)
                    .append(':')
                    .append(quote(new StringBuilder(), v))
                    .append(','));
            json.setLength(json.length() - 1);
            json.append("},");
        }
        long offset = 0;
        for (Tensor t : sorted) {
            long bytes = (long) t.numel() * as.byteSize();
            quote(json, t.name())
                    .append(":{\"dtype\":\"")
                    .append(as.safetensorsName())
                    .append("\",\"shape\":[");
            long[] shape = t.shape();
            for (int i = 0; i < shape.length; i++) {
                json.append(i == 0 ? "" : ",").append(shape[i]);
            }
            json.append("],\"data_offsets\":[")
                    .append(offset)
                    .append(',')
                    .append(offset + bytes)
                    .append("]},");
            offset += bytes;
        }
        if (json.length() > 1) {
            json.setLength(json.length() - 1);
        }
        json.append('}');
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(bytes, (bytes.length + 7) / 8 * 8);
        Arrays.fill(padded, bytes.length, padded.length, (byte) ' ');
        return padded;
    }

    /** Appends a JSON string literal escaped as serde_json escapes it. */
    private static StringBuilder quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    private static void writeValues(FileChannel out, float[] values, DType as, ByteBuffer chunk) throws IOException {
        int perChunk = chunk.capacity() / as.byteSize();
        for (int done = 0; done < values.length; ) {
            int count = Math.min(perChunk, values.length - done);
            chunk.clear();
            TensorCodec.encode(as, values, done, count, chunk);
            writeAll(out, chunk.flip());
            done += count;
        }
    }

    private static void writeAll(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}
