package dev.rerank4j.model.nn;

import ai.djl.ndarray.NDArray;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Init;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.Parameters;
import java.util.List;

/**
 * A fully connected layer as {@code torch.nn.Linear}: {@code x @ W^T + b} with the weights {@code name.weight}
 * [out, in] and, when {@code bias}, {@code name.bias} [out] (Qwen3's and ModernBERT's projections have none).
 *
 * @param name the weight prefix, e.g. {@code bert.encoder.layer.0.attention.self.query}
 * @param in input features
 * @param out output features
 * @param bias whether the layer adds a bias
 */
public record Linear(String name, long in, long out, boolean bias) {
    public Linear {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException(name + ": features must be > 0, got in=" + in + ", out=" + out);
        }
    }

    /** A layer with a bias, as {@code nn.Linear}'s default. */
    public Linear(String name, long in, long out) {
        this(name, in, out, true);
    }

    /** Its weights: Normal(0, initializer_range) for the weight, zeros for the bias. */
    public List<ParamSpec> specs(Role role) {
        ParamSpec weight = new ParamSpec(name + ".weight", new long[] {out, in}, role, Init.NORMAL);
        return bias
                ? List.of(weight, new ParamSpec(name + ".bias", new long[] {out}, role, Init.ZEROS))
                : List.of(weight);
    }

    /** Projects the last dimension of {@code x} from {@code in} to {@code out}. */
    public NDArray forward(Parameters p, NDArray x) {
        return forward(EagerOps.of(p), x);
    }

    /** Projects the last dimension of {@code x} from {@code in} to {@code out}. */
    public <T> T forward(Ops<T> ops, T x) {
        return ops.linear(this, x);
    }
}
