package dev.rerank4j.io;

import java.util.Optional;

/**
 * The element types of a safetensors file, named exactly as in the file's JSON header.
 *
 * <p>rerank4j keeps every tensor in memory as float32 ({@link Tensor#values()}); the dtype records how a tensor was
 * stored. Writing supports {@link #F32}, {@link #F16} and {@link #BF16} only.
 */
public enum DType {
    F64(8),
    F32(4),
    F16(2),
    BF16(2),
    I64(8),
    I32(4),
    I16(2),
    I8(1),
    U8(1),
    BOOL(1);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** The name used in a safetensors header, e.g. {@code "BF16"}. */
    public String safetensorsName() {
        return name();
    }

    /** Bytes per element in a safetensors data section. */
    public int byteSize() {
        return byteSize;
    }

    /** Whether {@link Safetensors#write} can store tensors in this type. */
    public boolean writable() {
        return this == F32 || this == F16 || this == BF16;
    }

    /**
     * Looks up a dtype by its safetensors name (case-sensitive, as the format requires).
     *
     * @return the dtype, or empty for a name rerank4j does not read (e.g. {@code "F8_E4M3"}, {@code "U32"})
     */
    public static Optional<DType> fromSafetensorsName(String name) {
        for (DType d : values()) {
            if (d.name().equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
