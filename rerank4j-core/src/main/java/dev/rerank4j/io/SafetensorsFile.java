package dev.rerank4j.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The content of a safetensors file.
 *
 * @param file where it was read from
 * @param tensors the tensors in data order (for Python-written files also header order)
 * @param metadata the {@code __metadata__} entries, e.g. {@code {"format": "pt"}}; empty if absent
 */
public record SafetensorsFile(Path file, List<Tensor> tensors, Map<String, String> metadata) {
    public SafetensorsFile {
        Objects.requireNonNull(file, "file must not be null");
        tensors = List.copyOf(tensors);
        metadata = Map.copyOf(metadata);
    }

    /** The tensor named {@code name}, if present. */
    public Optional<Tensor> tensor(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The tensors by name, in file order, in a new map the caller owns. */
    public Map<String, Tensor> asMap() {
        Map<String, Tensor> map = new LinkedHashMap<>();
        tensors.forEach(t -> map.put(t.name(), t));
        return map;
    }

    /** The total number of elements over all tensors. */
    public long parameterCount() {
        return tensors.stream().mapToLong(Tensor::numel).sum();
    }
}
