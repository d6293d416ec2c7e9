package dev.rerank4j;

import java.util.Arrays;
import java.util.Optional;

/**
 * The activation a cross-encoder applies to its logits at inference, named as sentence-transformers stores it in
 * {@code config.json} ({@code "sentence_transformers": {"activation_fn": "torch.nn.modules.activation.Sigmoid"}}).
 *
 * <p>Default rule, as sentence-transformers' {@code get_default_activation_fn}: an explicit choice, else the saved
 * one, else {@link #SIGMOID} for one label and {@link #IDENTITY} otherwise.
 */
public enum Activation {
    IDENTITY("torch.nn.modules.linear.Identity") {
        @Override
        public float apply(float x) {
            return x;
        }
    },
    SIGMOID("torch.nn.modules.activation.Sigmoid") {
        @Override
        public float apply(float x) {
            return (float) (1.0 / (1.0 + Math.exp(-(double) x)));
        }
    },
    TANH("torch.nn.modules.activation.Tanh") {
        @Override
        public float apply(float x) {
            return (float) Math.tanh(x);
        }
    },
    RELU("torch.nn.modules.activation.ReLU") {
        @Override
        public float apply(float x) {
            return x > 0 ? x : 0f;
        }
    };

    private final String torchName;

    Activation(String torchName) {
        this.torchName = torchName;
    }

    /** Applies the activation to one logit (in double precision, rounded to float). */
    public abstract float apply(float x);

    /** The fully qualified torch class name sentence-transformers writes, e.g. {@code torch.nn.modules.activation.Sigmoid}. */
    public String torchName() {
        return torchName;
    }

    /** The default for a model with {@code numLabels} outputs: Sigmoid for one, Identity otherwise. */
    public static Activation defaultFor(int numLabels) {
        return numLabels == 1 ? SIGMOID : IDENTITY;
    }

    /**
     * Finds the activation for a saved name: a torch class path ({@code torch.nn.modules.activation.Sigmoid}, also
     * the short {@code torch.nn.Sigmoid}) or a plain name ({@code sigmoid}, case-insensitive).
     */
    public static Optional<Activation> fromName(String name) {
        String simple = name.substring(name.lastIndexOf('.') + 1);
        return Arrays.stream(values())
                .filter(a -> a.torchName.equals(name) || a.name().equalsIgnoreCase(simple))
                .findFirst();
    }
}
