package dev.rerank4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The weights of a model directory read one tensor at a time, so that loading a model never holds more than one
 * tensor's float32 values on the Java heap (a 0.6B-parameter BF16 checkpoint is 1.2 GB on disk and 2.4 GB as float32:
 * reading it whole first would double the memory a load needs). Shapes come from the safetensors headers, which are
 * checked when the source is opened.
 */
public final class WeightSource {
    private record Location(SafetensorsHeader header, SafetensorsHeader.Entry entry) {}

    private final Map<String, Location> locations;
    private final Map<String, Tensor> inMemory;

    private WeightSource(Map<String, Location> locations, Map<String, Tensor> inMemory) {
        this.locations = locations;
        this.inMemory = inMemory;
    }

    /** Tensors already in memory. */
    public static WeightSource of(Map<String, Tensor> tensors) {
        return new WeightSource(Map.of(), Collections.unmodifiableMap(new LinkedHashMap<>(tensors)));
    }

    /** The safetensors files of a model directory (single or sharded, as {@link ModelWeights#load} finds them). */
    static WeightSource open(Map<String, SafetensorsHeader> headersByName) {
        Map<String, Location> locations = new LinkedHashMap<>();
        headersByName.forEach((name, header) ->
                header.entry(name).ifPresent(e -> locations.put(name, new Location(header, e))));
        return new WeightSource(locations, Map.of());
    }

    /** The tensor names, in file (or index) order. */
    public Set<String> names() {
        return inMemory.isEmpty() ? Collections.unmodifiableSet(locations.keySet()) : inMemory.keySet();
    }

    /** The shape of a tensor, without reading it; null if there is no such tensor. */
    public long[] shape(String name) {
        if (!inMemory.isEmpty()) {
            Tensor t = inMemory.get(name);
            return t == null ? null : t.shape();
        }
        Location l = locations.get(name);
        return l == null ? null : l.entry().shape();
    }

    /**
     * Reads one tensor as float32 values (BF16 and F16 widen exactly).
     *
     * @throws WeightsFormatException naming the file and tensor when its data is malformed
     */
    public Tensor read(String name) throws IOException {
        if (!inMemory.isEmpty()) {
            Tensor t = inMemory.get(name);
            if (t == null) {
                throw new IllegalArgumentException("no tensor named " + name);
            }
            return t;
        }
        Location l = locations.get(name);
        if (l == null) {
            throw new IllegalArgumentException("no tensor named " + name);
        }
        Path file = l.header().file();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return SafetensorsReader.readTensor(l.header(), l.entry(), channel);
        }
    }

    /**
     * The stored element type of a tensor whose bytes {@link #readRaw} can hand over as they are in the file: a
     * file-backed F32, F16 or BF16 tensor on a little-endian machine. Empty otherwise (tensors already in memory, other
     * types): read those with {@link #read}.
     */
    public Optional<DType> rawType(String name) {
        Location l = locations.get(name);
        if (l == null || ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            return Optional.empty();
        }
        DType type = l.entry().dtype();
        return type == DType.F32 || type == DType.F16 || type == DType.BF16 ? Optional.of(type) : Optional.empty();
    }

    /**
     * Reads elements {@code [from, from + count)} of a tensor (row-major) as float32 values, little-endian, into
     * {@code target} from its position on: the stored bytes go from the file into {@code target} (a direct buffer
     * goes straight to native memory), and F16/BF16 widen in place there, exactly. A loader hands the result to native
     * code as it is, so that no float32 copy of a tensor is ever on the Java heap.
     *
     * @throws IllegalArgumentException if {@link #rawType} is empty for the tensor, the range is outside it, or
     *     {@code target} has fewer than {@code 4 * count} bytes left
     * @throws WeightsFormatException naming the file and tensor when the file ends early
     */
    public void readFloats(String name, long from, int count, ByteBuffer target) throws IOException {
        DType type = rawType(name)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no F32, F16 or BF16 tensor named " + name + " in a safetensors file"));
        Location l = locations.get(name);
        SafetensorsHeader.Entry e = l.entry();
        if (from < 0 || count < 0 || from + count > e.numel()) {
            throw new IllegalArgumentException(name + ": elements [" + from + ", " + (from + count)
                    + ") are outside its " + e.numel() + " elements");
        }
        if (target.remaining() / 4 < count) {
            throw new IllegalArgumentException(
                    name + ": target buffer has " + target.remaining() + " bytes left, " + 4L * count + " needed");
        }
        int size = type.byteSize();
        ByteBuffer window = target.slice(target.position(), 4 * count).order(ByteOrder.LITTLE_ENDIAN);
        // the stored bytes fill the window's tail; widening then runs front to back, never overtaking what it reads
        int storedStart = (4 - size) * count;
        ByteBuffer stored = window.slice(storedStart, size * count);
        long position = l.header().dataStart() + e.begin() + from * size;
        try (FileChannel channel = FileChannel.open(l.header().file(), StandardOpenOption.READ)) {
            while (stored.hasRemaining()) {
                if (channel.read(stored, position + stored.position()) < 0) {
                    throw new WeightsFormatException(l.header().file() + ": tensor '" + name + "': file ends at byte "
                            + (position + stored.position()) + ", expected " + (position + (long) size * count)
                            + " bytes: truncated");
                }
            }
        }
        if (type != DType.F32) {
            for (int i = 0; i < count; i++) {
                short bits = window.getShort(storedStart + 2 * i);
                window.putFloat(4 * i, type == DType.BF16 ? HalfFloats.bf16ToFloat(bits) : HalfFloats.f16ToFloat(bits));
            }
        }
        target.position(target.position() + 4 * count);
    }
}
