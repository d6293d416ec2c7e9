package dev.rerank4j.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
}
