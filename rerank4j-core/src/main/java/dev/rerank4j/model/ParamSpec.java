package dev.rerank4j.model;

import java.util.Arrays;

/**
 * One weight a network expects: its Hugging Face name, shape, whether a checkpoint must provide it, and how a fresh
 * one is initialised (as transformers' {@code _init_weights}).
 *
 * @param name the HF name, e.g. {@code bert.encoder.layer.0.attention.self.query.weight}
 * @param shape the shape in torch layout ({@code [out, in]} for Linear weights)
 * @param role whether the weight belongs to the encoder (required) or to the task head (fresh when missing)
 * @param init the initialisation of a fresh weight
 */
public record ParamSpec(String name, long[] shape, Role role, Init init) {
    /** Who must provide a weight. */
    public enum Role {
        /** Part of the pretrained encoder: a checkpoint without it is refused. */
        ENCODER,
        /** Part of the task head: initialised fresh when a checkpoint lacks it (a base model as a reranker). */
        HEAD
    }

    /** How a fresh weight is initialised. */
    public enum Init {
        /** Normal(0, initializer_range): Linear and Embedding weights. */
        NORMAL,
        /** Zeros: biases. */
        ZEROS,
        /** Ones: LayerNorm weights. */
        ONES
    }

    public ParamSpec {
        shape = shape.clone();
        for (long d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(
                        "shape of " + name + " must be positive, got " + Arrays.toString(shape));
            }
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public long numel() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamSpec p
                && name.equals(p.name)
                && Arrays.equals(shape, p.shape)
                && role == p.role
                && init == p.init;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + " " + role + "/" + init;
    }
}
