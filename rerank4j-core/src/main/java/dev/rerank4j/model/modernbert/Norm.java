package dev.rerank4j.model.modernbert;

import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Init;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.nn.LayerNorm;
import dev.rerank4j.model.nn.Ops;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code nn.LayerNorm(size, eps, bias=norm_bias)}: ModernBERT's LayerNorms have no bias unless {@code norm_bias}.
 *
 * @param name the weight prefix, e.g. {@code model.final_norm}
 * @param size the normalised width
 * @param eps {@code norm_eps}
 * @param bias whether {@code name.bias} exists
 */
record Norm(String name, long size, float eps, boolean bias) {
    Norm {
        if (size <= 0 || !(eps > 0)) {
            throw new IllegalArgumentException(name + ": size must be > 0 and eps > 0, got " + size + ", " + eps);
        }
    }

    List<ParamSpec> specs(Role role) {
        List<ParamSpec> specs = new ArrayList<>();
        specs.add(new ParamSpec(name + ".weight", new long[] {size}, role, Init.ONES));
        if (bias) {
            specs.add(new ParamSpec(name + ".bias", new long[] {size}, role, Init.ZEROS));
        }
        return specs;
    }

    /** Normalises the last axis: {@link Ops#layerNorm} with a bias, {@link Ops#layerNormWithoutBias} without. */
    <T> T forward(Ops<T> ops, T x) {
        LayerNorm norm = new LayerNorm(name, size, eps);
        return bias ? ops.layerNorm(norm, x) : ops.layerNormWithoutBias(norm, x);
    }
}
