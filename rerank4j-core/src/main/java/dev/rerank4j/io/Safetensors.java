package dev.rerank4j.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads and writes <a href="https://github.com/huggingface/safetensors">safetensors</a> files without a library.
 *
 * <p>Format: an 8-byte little-endian header length {@code N}, {@code N} bytes of JSON
 * ({@code {"__metadata__": {...}, name: {"dtype", "shape", "data_offsets": [begin, end]}, ...}}, padded with spaces),
 * then the raw little-endian data, offsets relative to its start. Reading checks everything Python's reader checks
 * and fails with a {@link WeightsFormatException} naming the file and the reason; it never allocates from an
 * unchecked length. Files beyond 2 GB work; each tensor must fit one {@code float[]}.
 */
public final class Safetensors {
    /** The metadata Python's {@code save_file} gets from transformers: {@code {"format": "pt"}}. */
    public static final Map<String, String> DEFAULT_METADATA = Map.of("format", "pt");

    private Safetensors() {}

    /**
     * Reads every tensor, converting to float32 ({@link Tensor}).
     *
     * @throws WeightsFormatException if the file is not a valid safetensors file or a value has no exact float32
     * @throws IOException if the file cannot be read
     */
    public static SafetensorsFile read(Path file) throws IOException {
        return read(file, name -> true);
    }

    /**
     * Reads the tensors whose names {@code include} accepts (the whole header is still checked).
     *
     * @throws WeightsFormatException if the file is not a valid safetensors file or a value has no exact float32
     */
    public static SafetensorsFile read(Path file, Predicate<String> include) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return SafetensorsReader.read(file, channel, include);
        }
    }

    /**
     * Reads and checks only the header: names, dtypes, shapes, offsets and metadata, without the data.
     *
     * @throws WeightsFormatException if the header is malformed or does not match the file's size
     */
    public static SafetensorsHeader readHeader(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return SafetensorsReader.readHeader(file, channel);
        }
    }

    /**
     * Writes tensors as Python's safetensors would, atomically: into a temporary file in the same directory, then
     * renamed over {@code file}. On failure no new file is left behind and an existing {@code file} is untouched.
     *
     * @param tensors the tensors, names unique; written sorted by name whatever their order here
     * @param metadata the {@code __metadata__} entries (omitted from the header when empty)
     * @param as the stored type: {@link DType#F32} (bit-exact), {@link DType#F16} or {@link DType#BF16} (rounded to
     *     nearest even)
     * @throws IllegalArgumentException if {@code as} is not writable or names repeat
     */
    public static void write(Path file, List<Tensor> tensors, Map<String, String> metadata, DType as)
            throws IOException {
        SafetensorsWriter.write(file, tensors, metadata, as);
    }

    /** {@link #write(Path, List, Map, DType)} with {@link #DEFAULT_METADATA}. */
    public static void write(Path file, List<Tensor> tensors, DType as) throws IOException {
        write(file, tensors, DEFAULT_METADATA, as);
    }
}
