package dev.rerank4j.model.nn;

import ai.djl.ndarray.NDArray;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Init;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.Parameters;
import java.util.List;

/**
 * Layer normalisation over the last dimension as {@code torch.nn.LayerNorm}:
 * {@code (x - mean) / sqrt(var + eps) * weight + bias}, with {@code name.weight} and {@code name.bias} [size].
 *
 * @param name the weight prefix, e.g. {@code bert.embeddings.LayerNorm}
 * @param size the normalised width
 * @param eps the epsilon added to the variance ({@code layer_norm_eps})
 */
public record LayerNorm(String name, long size, float eps) {
    public LayerNorm {
        if (size <= 0) {
            throw new IllegalArgumentException(name + ": size must be > 0, got " + size);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException(name + ": eps must be > 0, got " + eps);
        }
    }

    /** Its weights: ones for the weight, zeros for the bias. */
    public List<ParamSpec> specs(Role role) {
        return List.of(
                new ParamSpec(name + ".weight", new long[] {size}, role, Init.ONES),
                new ParamSpec(name + ".bias", new long[] {size}, role, Init.ZEROS));
    }

    /** Normalises the last dimension of {@code x}. */
    public NDArray forward(Parameters p, NDArray x) {
        return forward(EagerOps.of(p), x);
    }

    /** Normalises the last dimension of {@code x}. */
    public <T> T forward(Ops<T> ops, T x) {
        return ops.layerNorm(this, x);
    }
}
