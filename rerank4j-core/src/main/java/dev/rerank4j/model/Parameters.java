package dev.rerank4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The weights of one network, keyed by their Hugging Face names, owned by one {@link NDManager}.
 *
 * <p>Internal to the model implementations. Closing it frees every weight (and gradient) it owns. Reads are
 * thread-safe; writes ({@link #put}) happen only while a model is being built or trained.
 */
public final class Parameters implements AutoCloseable {
    private final NDManager manager;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();

    /** Creates an empty store whose arrays live in a new manager under {@code parent}. */
    public Parameters(NDManager parent) {
        this.manager = parent.newSubManager();
    }

    /** Stores a weight, copying {@code values} into a new float32 array of {@code shape}. */
    public void put(String name, long[] shape, float[] values) {
        long n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (n != values.length) {
            throw new IllegalArgumentException(
                    name + ": shape " + Arrays.toString(shape) + " holds " + n + " values, got " + values.length);
        }
        NDArray array = manager.create(values, new Shape(shape));
        array.setName(name);
        NDArray old = arrays.put(name, array);
        if (old != null) {
            old.close();
        }
    }

    /**
     * Stores a float32 weight already in native memory; the store takes it over (it is attached to {@link #manager()}
     * and closed with the store).
     */
    public void put(String name, NDArray array) {
        if (array.getDataType() != ai.djl.ndarray.types.DataType.FLOAT32) {
            throw new IllegalArgumentException(name + ": weights are float32, got " + array.getDataType());
        }
        array.attach(manager);
        array.setName(name);
        NDArray old = arrays.put(name, array);
        if (old != null && old != array) {
            old.close();
        }
    }

    /** Initialises a fresh weight as transformers does: Normal(0, std), zeros or ones. */
    public void putFresh(ParamSpec spec, float std, SplittableRandom random) {
        float[] values = new float[Math.toIntExact(spec.numel())];
        switch (spec.init()) {
            case NORMAL -> {
                java.util.Random gaussian = new java.util.Random(random.nextLong());
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (gaussian.nextGaussian() * std);
                }
            }
            case ONES -> Arrays.fill(values, 1f);
            case ZEROS -> {}
        }
        put(spec.name(), spec.shape(), values);
    }

    /**
     * The weight with this name.
     *
     * @throws IllegalStateException naming the weight if there is none (a bug in a network, not a user error: the
     *     loader checks checkpoints against the network's specs)
     */
    public NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalStateException("no weight named " + name);
        }
        return a;
    }

    /** Whether a weight with this name exists. */
    public boolean contains(String name) {
        return arrays.containsKey(name);
    }

    /** All weights in insertion order (a read-only view). */
    public Map<String, NDArray> all() {
        return Collections.unmodifiableMap(arrays);
    }

    /** The manager that owns the weights, e.g. to attach gradients or optimizer state. */
    public NDManager manager() {
        return manager;
    }

    /** Copies a weight out as float32 values, row-major. */
    public float[] values(String name) {
        return get(name).toFloatArray();
    }

    @Override
    public void close() {
        arrays.clear();
        manager.close();
    }
}
