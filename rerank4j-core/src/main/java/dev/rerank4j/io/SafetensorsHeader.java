package dev.rerank4j.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The JSON header of a safetensors file, already checked against the file: every tensor's byte range matches its
 * dtype and shape, and the ranges tile the data section exactly (no gap, no overlap, nothing past the end).
 *
 * @param file the file the header was read from
 * @param headerLength the header's length in bytes (the file's first 8 bytes, little-endian), padding included
 * @param tensors the tensors in data order (ascending offsets; for files written by Python's safetensors this is
 *     also header order)
 * @param metadata the {@code __metadata__} entries; empty if the header has none
 */
public record SafetensorsHeader(Path file, long headerLength, List<Entry> tensors, Map<String, String> metadata) {
    public SafetensorsHeader {
        Objects.requireNonNull(file, "file must not be null");
        if (headerLength < 0) {
            throw new IllegalArgumentException("headerLength must be >= 0, got " + headerLength);
        }
        tensors = List.copyOf(tensors);
        metadata = Map.copyOf(metadata);
    }

    /** Where the data section starts in the file: after the 8-byte length and the header. */
    public long dataStart() {
        return 8 + headerLength;
    }

    /** The entry named {@code name}, if present. */
    public Optional<Entry> entry(String name) {
        return tensors.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The total number of elements over all tensors. */
    public long parameterCount() {
        return tensors.stream().mapToLong(Entry::numel).sum();
    }

    /**
     * One tensor's header entry.
     *
     * @param name the tensor name
     * @param dtype the stored element type
     * @param shape the dimensions (copied in and out)
     * @param begin the first byte of the tensor, relative to {@link #dataStart()}
     * @param end one past the last byte, relative to {@link #dataStart()}
     */
    public record Entry(String name, DType dtype, long[] shape, long begin, long end) {
        public Entry {
            Objects.requireNonNull(name, "name must not be null");
            Objects.requireNonNull(dtype, "dtype must not be null");
            shape = shape.clone();
            long numel = 1;
            for (long d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException(
                            "shape of " + name + " must have dimensions >= 0, got " + Arrays.toString(shape));
                }
                try {
                    numel = Math.multiplyExact(numel, d);
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException(
                            "shape of " + name + " has more than 2^63 elements: " + Arrays.toString(shape), e);
                }
            }
            if (begin < 0 || end < begin) {
                throw new IllegalArgumentException("data_offsets of " + name + " must satisfy 0 <= begin <= end, got ["
                        + begin + ", " + end + "]");
            }
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        /** The number of elements (product of the shape; 1 for a scalar). */
        public long numel() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e
                    && name.equals(e.name)
                    && dtype == e.dtype
                    && Arrays.equals(shape, e.shape)
                    && begin == e.begin
                    && end == e.end;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, dtype, Arrays.hashCode(shape), begin, end);
        }

        @Override
        public String toString() {
            return name + " " + dtype + Arrays.toString(shape) + " [" + begin + ", " + end + ")";
        }
    }
}
