package dev.rerank4j.model.nn;

import ai.djl.ndarray.NDArray;
import dev.rerank4j.ModelFormatException;
import java.util.Arrays;
import java.util.List;

/**
 * The element-wise activations of transformers' {@code ACT2FN} that rerank4j's architectures use, by their
 * {@code config.json} names ({@code hidden_act}, DistilBERT's {@code activation}, ModernBERT's
 * {@code hidden_activation}).
 */
public enum HiddenActivation {
    /** {@code gelu}: the exact GELU {@code x * Phi(x)} with erf, as {@code nn.functional.gelu}. */
    GELU(List.of("gelu")) {
        @Override
        public <T> T apply(Ops<T> ops, T x) {
            return ops.gelu(x);
        }
    },
    /**
     * {@code gelu_new}, {@code gelu_pytorch_tanh}, {@code gelu_fast}: the tanh approximation
     * {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}, as {@code NewGELUActivation}.
     */
    GELU_TANH(List.of("gelu_new", "gelu_pytorch_tanh", "gelu_fast")) {
        @Override
        public <T> T apply(Ops<T> ops, T x) {
            T cubic = ops.mulScalar(ops.powScalar(x, 3f), 0.044715f);
            T inner = ops.mulScalar(ops.add(x, cubic), (float) Math.sqrt(2.0 / Math.PI));
            return ops.mul(ops.mulScalar(x, 0.5f), ops.addScalar(ops.tanh(inner), 1f));
        }
    },
    /** {@code relu}: {@code max(x, 0)}. */
    RELU(List.of("relu")) {
        @Override
        public <T> T apply(Ops<T> ops, T x) {
            return ops.relu(x);
        }
    },
    /** {@code silu}, {@code swish}: {@code x * sigmoid(x)}, as {@code nn.SiLU} (the gate of SwiGLU). */
    SILU(List.of("silu", "swish")) {
        @Override
        public <T> T apply(Ops<T> ops, T x) {
            return ops.mul(x, ops.sigmoid(x));
        }
    },
    /** {@code tanh}. */
    TANH(List.of("tanh")) {
        @Override
        public <T> T apply(Ops<T> ops, T x) {
            return ops.tanh(x);
        }
    };

    private final List<String> names;

    HiddenActivation(List<String> names) {
        this.names = names;
    }

    /** Applies the activation element-wise; a new array in the caller's scope. */
    public NDArray apply(NDArray x) {
        return apply(EagerOps.WITHOUT_WEIGHTS, x);
    }

    /** Applies the activation element-wise. */
    public abstract <T> T apply(Ops<T> ops, T x);

    /** The {@code config.json} names of this activation. */
    public List<String> names() {
        return names;
    }

    /**
     * The activation a config names.
     *
     * @throws ModelFormatException naming the value and the supported names
     */
    public static HiddenActivation forName(String name) {
        return Arrays.stream(values())
                .filter(a -> a.names.contains(name))
                .findFirst()
                .orElseThrow(() -> new ModelFormatException("unsupported activation \"" + name
                        + "\" (hidden_act); supported: gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, relu, silu, swish,"
                        + " tanh"));
    }
}
