package dev.rerank4j.model.nn;

import ai.djl.ndarray.NDArray;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Init;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.Parameters;
import java.util.List;

/**
 * Root-mean-square normalisation over the last dimension as transformers' {@code Qwen3RMSNorm} (= {@code
 * LlamaRMSNorm}): {@code weight * x / sqrt(mean(x^2) + eps)}, with no centring and no bias (Zhang and Sennrich, "Root
 * Mean Square Layer Normalization", 2019). The weight {@code name.weight} [size] starts at ones.
 *
 * @param name the weight prefix, e.g. {@code model.layers.0.input_layernorm}
 * @param size the normalised width
 * @param eps the epsilon added to the mean square ({@code rms_norm_eps})
 */
public record RmsNorm(String name, long size, float eps) {
    public RmsNorm {
        if (size <= 0) {
            throw new IllegalArgumentException(name + ": size must be > 0, got " + size);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException(name + ": eps must be > 0, got " + eps);
        }
    }

    /** Its weight: ones. */
    public List<ParamSpec> specs(Role role) {
        return List.of(new ParamSpec(name + ".weight", new long[] {size}, role, Init.ONES));
    }

    /** Normalises the last dimension of {@code x} (float32, as the reference computes it). */
    public NDArray forward(Parameters p, NDArray x) {
        NDArray meanSquare = x.square().mean(new int[] {-1}, true);
        return x.div(meanSquare.add(Scalars.of(x, eps)).sqrt()).mul(p.get(name + ".weight"));
    }
}
