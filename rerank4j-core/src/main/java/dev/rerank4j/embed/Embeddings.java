package dev.rerank4j.embed;

import java.util.Arrays;

/**
 * A matrix of embeddings, one row per text, stored row-major in one {@code float[]}.
 *
 * @param rows number of texts
 * @param dimension width of one embedding
 * @param values {@code rows * dimension} values, row-major; the record keeps this array (no copy) for speed, so
 *     callers must not modify it after construction
 */
public record Embeddings(int rows, int dimension, float[] values) {
    public Embeddings {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        if ((long) rows * dimension != values.length) {
            throw new IllegalArgumentException(
                    "values must hold rows * dimension = " + (long) rows * dimension + " floats, got " + values.length);
        }
    }

    /** A copy of row {@code i}. */
    public float[] row(int i) {
        return Arrays.copyOfRange(values, i * dimension, (i + 1) * dimension);
    }

    /** The value at row {@code i}, column {@code j}. */
    public float get(int i, int j) {
        return values[i * dimension + j];
    }

    /** The inner product of row {@code i} of this matrix and row {@code j} of {@code other}, accumulated in double. */
    public float dot(int i, Embeddings other, int j) {
        if (other.dimension != dimension) {
            throw new IllegalArgumentException("dimensions differ: " + dimension + " and " + other.dimension);
        }
        double sum = 0;
        int a = i * dimension;
        int b = j * dimension;
        for (int d = 0; d < dimension; d++) {
            sum += (double) values[a + d] * other.values[b + d];
        }
        return (float) sum;
    }

    /** The rows {@code [from, to)} as a new matrix (copied). */
    public Embeddings slice(int from, int to) {
        if (from < 0 || to > rows || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + rows + " rows");
        }
        return new Embeddings(to - from, dimension, Arrays.copyOfRange(values, from * dimension, to * dimension));
    }

    /** The rows at {@code indices}, in that order, as a new matrix. */
    public Embeddings select(int[] indices) {
        float[] out = new float[indices.length * dimension];
        for (int r = 0; r < indices.length; r++) {
            System.arraycopy(values, indices[r] * dimension, out, r * dimension, dimension);
        }
        return new Embeddings(indices.length, dimension, out);
    }

    /** Whether every row has unit L2 norm within {@code tolerance}. */
    public boolean unitLength(double tolerance) {
        for (int i = 0; i < rows; i++) {
            double n = 0;
            for (int d = 0; d < dimension; d++) {
                double v = values[i * dimension + d];
                n += v * v;
            }
            if (Math.abs(Math.sqrt(n) - 1) > tolerance) {
                return false;
            }
        }
        return true;
    }

    /**
     * Scales every row to unit L2 norm in place, as {@code torch.nn.functional.normalize(x, p=2, dim=-1)}: divides by
     * {@code max(norm, 1e-12)}, so a zero row stays zero.
     */
    static void normalizeRows(float[] values, int dimension) {
        for (int off = 0; off < values.length; off += dimension) {
            double n = 0;
            for (int d = 0; d < dimension; d++) {
                n += (double) values[off + d] * values[off + d];
            }
            double scale = 1 / Math.max(Math.sqrt(n), 1e-12);
            for (int d = 0; d < dimension; d++) {
                values[off + d] = (float) (values[off + d] * scale);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Embeddings e
                && rows == e.rows
                && dimension == e.dimension
                && Arrays.equals(values, e.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Embeddings[" + rows + " x " + dimension + "]";
    }
}
