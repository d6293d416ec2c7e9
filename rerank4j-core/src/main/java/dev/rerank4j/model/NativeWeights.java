package dev.rerank4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.rerank4j.io.WeightSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Copies checkpoint tensors from their files into native float32 arrays through one small reused direct buffer, so
 * that loading never holds a tensor on the Java heap: the stored bytes (F32, F16 or BF16) go from the file into the
 * buffer, widen to float32 there (exactly), and libtorch copies them into the weight, chunk by chunk. (DJL 0.36 aborts
 * the JVM when asked for a BF16 array from a buffer, so the widening is not left to libtorch.)
 *
 * <p>Reading through {@code float[]} instead costs a 0.6B-parameter model about 1.3 GB of resident memory after the
 * load (the JVM keeps the heap it grew for the float copies, plus a direct-buffer copy of each), which is what kept
 * Qwen3-0.6B over 4 GB. Not thread-safe: one instance per load; its
 * buffer goes with it.
 */
final class NativeWeights {
    /** Bytes staged per chunk: large enough that a chunk's fixed costs vanish, small next to any model. */
    static final int CHUNK_BYTES = 16 << 20;

    private final ByteBuffer staging;

    NativeWeights() {
        this(CHUNK_BYTES);
    }

    /** With a staging buffer of {@code chunkBytes} (a multiple of 4; tests use small ones to cross chunk edges). */
    NativeWeights(int chunkBytes) {
        if (chunkBytes < 4 || chunkBytes % 4 != 0) {
            throw new IllegalArgumentException("chunkBytes must be a positive multiple of 4, got " + chunkBytes);
        }
        this.staging = ByteBuffer.allocateDirect(chunkBytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Whether {@link #read} can copy this tensor natively (see {@link WeightSource#rawType}). */
    static boolean handles(WeightSource source, String stored) {
        return source.rawType(stored).isPresent();
    }

    /**
     * Reads the tensor {@code stored} into a new float32 array of {@code shape} owned by {@code manager}.
     *
     * @throws IOException if the file cannot be read
     */
    NDArray read(WeightSource source, String stored, long[] shape, NDManager manager) throws IOException {
        long numel = 1;
        for (long d : shape) {
            numel = Math.multiplyExact(numel, d);
        }
        NDArray target = manager.create(new Shape(shape), DataType.FLOAT32);
        // a flat view to fill chunk by chunk (a 1-D target is its own view); closing the view keeps the target
        NDArray flat = shape.length == 1 ? target : target.reshape(numel);
        int perChunk = staging.capacity() / 4;
        try {
            for (long from = 0; from < numel; from += perChunk) {
                int count = (int) Math.min(perChunk, numel - from);
                staging.clear();
                source.readFloats(stored, from, count, staging);
                staging.flip();
                try (NDManager scratch = manager.newSubManager()) {
                    // libtorch reads the buffer in place; set copies it into the target before the next refill
                    NDArray chunk = scratch.create(staging, new Shape(count), DataType.FLOAT32);
                    flat.set(new NDIndex("{}:{}", from, from + count), chunk);
                }
            }
        } catch (IOException | RuntimeException e) {
            target.close();
            throw e;
        } finally {
            if (flat != target) {
                flat.close();
            }
        }
        return target;
    }
}
