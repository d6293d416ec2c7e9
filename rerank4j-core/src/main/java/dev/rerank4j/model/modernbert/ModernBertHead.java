package dev.rerank4j.model.modernbert;

import dev.rerank4j.model.ConfigJson;
import dev.rerank4j.model.nn.HiddenActivation;
import java.util.Locale;

/**
 * How ModernBERT's sequence-classification head reads the last hidden states.
 *
 * @param pooling {@code classifier_pooling}: the first token or the masked mean
 * @param activation {@code classifier_activation} (gelu) between the head's {@code dense} and {@code norm}
 */
public record ModernBertHead(Pooling pooling, String activation) {
    /** {@code classifier_pooling}. */
    public enum Pooling {
        /** {@code cls}: the first token's state. */
        CLS,
        /** {@code mean}: the mean of the real (unmasked) tokens' states. */
        MEAN
    }

    public ModernBertHead {
        if (pooling == null) {
            throw new IllegalArgumentException("classifier_pooling must not be null");
        }
        HiddenActivation.forName(activation);
    }

    /** Reads {@code classifier_pooling} ("cls") and {@code classifier_activation} ("gelu"). */
    static ModernBertHead fromJson(ConfigJson json) {
        String pooling = json.text("classifier_pooling", "cls");
        Pooling p = switch (pooling) {
            case "cls" -> Pooling.CLS;
            case "mean" -> Pooling.MEAN;
            default ->
                throw new IllegalArgumentException(
                        "field \"classifier_pooling\" must be \"cls\" or \"mean\", got \"" + pooling + "\"");
        };
        return new ModernBertHead(p, json.text("classifier_activation", "gelu"));
    }

    /** The pooling's config.json value. */
    public String poolingName() {
        return pooling.name().toLowerCase(Locale.ROOT);
    }
}
