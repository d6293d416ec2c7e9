package dev.rerank4j.model.modernbert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Init;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.Parameters;
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

    NDArray forward(Parameters p, NDArray x) {
        NDArray beta = bias ? p.get(name + ".bias") : x.getManager().zeros(new Shape(size), x.getDataType());
        return ai.djl.nn.norm.LayerNorm.layerNorm(x, new Shape(size), p.get(name + ".weight"), beta, eps)
                .singletonOrThrow();
    }
}
