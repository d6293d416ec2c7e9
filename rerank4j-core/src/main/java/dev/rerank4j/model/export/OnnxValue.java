package dev.rerank4j.model.export;

import java.util.Arrays;

/**
 * A value of a graph being recorded: its name, element type and shape, where {@code -1} marks an axis whose size is
 * known only at run time (batch, sequence).
 *
 * @param name the value's name in the graph
 * @param elemType the ONNX element type ({@link GraphBuilder#FLOAT}, {@link GraphBuilder#INT64}, ...)
 * @param shape the sizes, {@code -1} for a dynamic axis
 */
public record OnnxValue(String name, int elemType, long[] shape) {
    public OnnxValue {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a graph value needs a name");
        }
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of axes. */
    public int rank() {
        return shape.length;
    }

    /** The size of {@code axis} (negative counts from the end); {@code -1} when dynamic. */
    public long dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnnxValue v
                && v.name.equals(name)
                && v.elemType == elemType
                && Arrays.equals(v.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
