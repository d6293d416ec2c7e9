package dev.rerank4j.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rerank4j.ParseErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads and checks safetensors files through a {@link FileChannel}, so files beyond 2 GB work. */
final class SafetensorsReader {
    /** The largest header Python's safetensors accepts. */
    static final long MAX_HEADER_LENGTH = 100_000_000;

    private static final int CHUNK_BYTES = 1 << 20;
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SafetensorsReader() {}

    static SafetensorsHeader readHeader(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 8) {
            throw error(file, "file has " + size + " bytes, fewer than the 8-byte header length: truncated or empty");
        }
        ByteBuffer lengthBytes = readFully(file, channel, 0, 8);
        long headerLength = lengthBytes.order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 0 || headerLength > MAX_HEADER_LENGTH) {
            throw error(
                    file,
                    "header length " + Long.toUnsignedString(headerLength) + " is absurd (at most " + MAX_HEADER_LENGTH
                            + "): not a safetensors file?");
        }
        if (headerLength > size - 8) {
            throw error(
                    file,
                    "header length " + headerLength + " is larger than the file (" + size
                            + " bytes): truncated or not a safetensors file");
        }
        ByteBuffer headerBytes = readFully(file, channel, 8, (int) headerLength);
        JsonNode root;
        try {
            // Decoded as UTF-8 here (the format says so): given bytes, Jackson guesses UTF-16/32 from zero bytes.
            String header = java.nio.charset.StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(headerBytes.array(), 0, (int) headerLength))
                    .toString();
            root = JSON.readTree(header);
        } catch (JacksonException | java.nio.charset.CharacterCodingException e) {
            throw new WeightsFormatException(
                    ParseErrors.describe(file, "the safetensors header is not valid JSON", e)
                            + "; the file is damaged: save or download the model again",
                    e);
        }
        if (root == null || !root.isObject()) {
            throw error(
                    file,
                    "header is not a JSON object (found " + (root == null ? "nothing" : root.getNodeType()) + ")");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<SafetensorsHeader.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equals("__metadata__")) {
                readMetadata(file, field.getValue(), metadata);
            } else {
                entries.add(readEntry(file, field.getKey(), field.getValue()));
            }
        }
        entries.sort(Comparator.comparingLong(SafetensorsHeader.Entry::begin)
                .thenComparingLong(SafetensorsHeader.Entry::end));
        checkLayout(file, entries, size - 8 - headerLength);
        return new SafetensorsHeader(file, headerLength, entries, metadata);
    }

    static SafetensorsFile read(Path file, FileChannel channel, Predicate<String> include) throws IOException {
        SafetensorsHeader header = readHeader(file, channel);
        List<Tensor> tensors = new ArrayList<>(header.tensors().size());
        for (SafetensorsHeader.Entry entry : header.tensors()) {
            if (include.test(entry.name())) {
                tensors.add(readTensor(header, entry, channel));
            }
        }
        return new SafetensorsFile(file, tensors, header.metadata());
    }

    static Tensor readTensor(SafetensorsHeader header, SafetensorsHeader.Entry entry, FileChannel channel)
            throws IOException {
        String context = header.file() + ": tensor '" + entry.name() + "'";
        if (entry.numel() > Tensor.MAX_ELEMENTS) {
            throw new WeightsFormatException(context + " has " + entry.numel()
                    + " elements; rerank4j holds a tensor in one float[] of at most " + Tensor.MAX_ELEMENTS);
        }
        int numel = (int) entry.numel();
        int elementSize = entry.dtype().byteSize();
        float[] values = new float[numel];
        int perChunk = CHUNK_BYTES / elementSize;
        long position = header.dataStart() + entry.begin();
        for (int done = 0; done < numel; ) {
            int count = Math.min(perChunk, numel - done);
            ByteBuffer chunk = readFully(header.file(), channel, position, count * elementSize);
            chunk.order(ByteOrder.LITTLE_ENDIAN);
            TensorCodec.decode(entry.dtype(), chunk, values, done, count, context);
            position += (long) count * elementSize;
            done += count;
        }
        return new Tensor(entry.name(), entry.dtype(), entry.shape(), values);
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> out) throws WeightsFormatException {
        if (!node.isObject()) {
            throw error(file, "__metadata__ must be a JSON object of strings, found " + node.getNodeType());
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getValue().isTextual()) {
                throw error(
                        file,
                        "__metadata__ value of '" + field.getKey() + "' must be a string, found "
                                + field.getValue().getNodeType());
            }
            out.put(field.getKey(), field.getValue().textValue());
        }
    }

    private static SafetensorsHeader.Entry readEntry(Path file, String name, JsonNode node)
            throws WeightsFormatException {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw error(
                    file, where + ": expected an object with dtype, shape, data_offsets, found " + node.getNodeType());
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw error(file, where + ": missing or non-string \"dtype\"");
        }
        DType dtype = DType.fromSafetensorsName(dtypeNode.textValue())
                .orElseThrow(() -> error(
                        file,
                        where + ": unknown dtype '" + dtypeNode.textValue() + "' (rerank4j reads "
                                + Arrays.toString(DType.values()) + ")"));
        long[] shape = longs(file, where, node.get("shape"), "shape", -1);
        long[] offsets = longs(file, where, node.get("data_offsets"), "data_offsets", 2);
        if (offsets[1] < offsets[0]) {
            throw error(file, where + ": data_offsets " + Arrays.toString(offsets) + " end before they begin");
        }
        long bytes;
        try {
            long numel = 1;
            for (long d : shape) {
                numel = Math.multiplyExact(numel, d);
            }
            bytes = Math.multiplyExact(numel, dtype.byteSize());
        } catch (ArithmeticException e) {
            throw error(file, where + ": shape " + Arrays.toString(shape) + " is too large", e);
        }
        if (bytes != offsets[1] - offsets[0]) {
            throw error(
                    file,
                    where + ": shape " + Arrays.toString(shape) + " of dtype " + dtype + " needs " + bytes
                            + " bytes but data_offsets " + Arrays.toString(offsets) + " span "
                            + (offsets[1] - offsets[0]));
        }
        return new SafetensorsHeader.Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] longs(Path file, String where, JsonNode node, String key, int expectedLength)
            throws WeightsFormatException {
        String expected = expectedLength < 0 ? "an array of integers >= 0" : expectedLength + " integers >= 0";
        if (node == null || !node.isArray() || (expectedLength >= 0 && node.size() != expectedLength)) {
            throw error(file, where + ": \"" + key + "\" must be " + expected + ", found " + node);
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw error(file, where + ": \"" + key + "\" must be " + expected + ", found " + node);
            }
            out[i] = v.longValue();
        }
        return out;
    }

    /** The entries (sorted by offset) must tile [0, dataLength) exactly. */
    private static void checkLayout(Path file, List<SafetensorsHeader.Entry> entries, long dataLength)
            throws WeightsFormatException {
        long expected = 0;
        String previous = null;
        for (SafetensorsHeader.Entry e : entries) {
            String offsets = "data_offsets [" + e.begin() + ", " + e.end() + "]";
            if (e.begin() < expected) {
                throw error(
                        file,
                        "tensor '" + e.name() + "' " + offsets + " overlaps tensor '" + previous + "', which ends at "
                                + expected);
            }
            if (e.begin() > expected) {
                throw error(
                        file,
                        "data bytes [" + expected + ", " + e.begin() + ") belong to no tensor (gap before '" + e.name()
                                + "')");
            }
            if (e.end() > dataLength) {
                throw error(
                        file,
                        "tensor '" + e.name() + "' " + offsets + " is out of range: the data section has " + dataLength
                                + " bytes (file truncated?)");
            }
            expected = e.end();
            previous = e.name();
        }
        if (expected != dataLength) {
            throw error(
                    file,
                    "the data section has " + dataLength + " bytes but the tensors cover only " + expected
                            + " (trailing bytes after the last tensor)");
        }
    }

    private static ByteBuffer readFully(Path file, FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw error(
                        file,
                        "file ends at byte " + (position + buffer.position()) + ", expected " + (position + length)
                                + " bytes: truncated");
            }
        }
        return buffer.flip();
    }

    private static WeightsFormatException error(Path file, String reason) {
        return new WeightsFormatException(file + ": " + reason);
    }

    private static WeightsFormatException error(Path file, String reason, Throwable cause) {
        return new WeightsFormatException(file + ": " + reason, cause);
    }
}
