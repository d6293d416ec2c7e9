package dev.rerank4j.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named tensor held as row-major float32 values, whatever type it was stored in.
 *
 * <p>F16 and BF16 widen to float32 exactly; integer types are accepted only when every value is exactly a float32
 * (reading fails otherwise); F64 rounds to nearest. {@link #storedAs()} remembers the stored type.
 *
 * <p>The {@code values} array is <b>not copied</b> (weights run to gigabytes): the record owns it from construction
 * on, and nobody may modify it afterwards. {@code shape} is copied in and out. {@code equals} and {@code hashCode}
 * compare the array contents ({@link Arrays#equals(float[], float[])}: bitwise, NaN equals NaN, 0 differs from -0).
 *
 * @param name the tensor name, e.g. {@code encoder.layer.0.attention.self.query.weight}; not empty
 * @param storedAs the type the tensor was (or is to be) stored in
 * @param shape dimensions, each at least 0; an empty shape is a scalar with one value
 * @param values row-major values, exactly as many as the product of {@code shape}
 */
public record Tensor(String name, DType storedAs, long[] shape, float[] values) {
    /** The most elements a tensor can have: the longest float[] a JVM allocates. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    public Tensor {
        Objects.requireNonNull(name, "name must not be null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        Objects.requireNonNull(storedAs, "storedAs must not be null (tensor " + name + ")");
        Objects.requireNonNull(shape, "shape must not be null (tensor " + name + ")");
        Objects.requireNonNull(values, "values must not be null (tensor " + name + ")");
        shape = shape.clone();
        long numel = numel(shape);
        if (numel < 0) {
            throw new IllegalArgumentException("shape of tensor " + name + " must have dimensions >= 0 and at most "
                    + MAX_ELEMENTS + " elements, got " + Arrays.toString(shape));
        }
        if (numel != values.length) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape) + " holds "
                    + numel + " values, got " + values.length);
        }
    }

    /** A float32 tensor. */
    public static Tensor of(String name, long[] shape, float[] values) {
        return new Tensor(name, DType.F32, shape, values);
    }

    /**
     * The number of elements that a shape holds.
     *
     * @return the product of the dimensions (1 for a scalar), or -1 if a dimension is negative or the product
     *     exceeds {@link #MAX_ELEMENTS}
     */
    public static long numel(long[] shape) {
        boolean empty = false;
        for (long d : shape) {
            if (d < 0) {
                return -1;
            }
            empty |= d == 0;
        }
        if (empty) {
            return 0;
        }
        long n = 1;
        for (long d : shape) {
            if (n > MAX_ELEMENTS / d) {
                return -1;
            }
            n *= d;
        }
        return n;
    }

    /** A copy of the dimensions. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of elements, the product of the dimensions. */
    public int numel() {
        return values.length;
    }

    /** The number of dimensions (0 for a scalar). */
    public int rank() {
        return shape.length;
    }

    /** Dimension {@code i}. */
    public long dim(int i) {
        return shape[i];
    }

    /** The same values and shape under another name. */
    public Tensor withName(String newName) {
        return new Tensor(newName, storedAs, shape, values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t
                && name.equals(t.name)
                && storedAs == t.storedAs
                && Arrays.equals(shape, t.shape)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, storedAs, Arrays.hashCode(shape), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "Tensor[" + name + ", " + storedAs + ", shape=" + Arrays.toString(shape) + ", numel=" + values.length
                + "]";
    }
}
