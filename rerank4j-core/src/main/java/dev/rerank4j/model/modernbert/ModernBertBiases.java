package dev.rerank4j.model.modernbert;

import dev.rerank4j.model.ConfigJson;

/**
 * Which ModernBERT layers add a bias (all false by default, as in the released checkpoints).
 *
 * @param norm {@code norm_bias}: every LayerNorm
 * @param attention {@code attention_bias}: {@code Wqkv} and the attention's {@code Wo}
 * @param mlp {@code mlp_bias}: the feed-forward's {@code Wi} and {@code Wo}
 * @param classifier {@code classifier_bias}: the head's {@code dense} (the final {@code classifier} always has one)
 */
public record ModernBertBiases(boolean norm, boolean attention, boolean mlp, boolean classifier) {
    /** Reads {@code norm_bias}, {@code attention_bias}, {@code mlp_bias} and {@code classifier_bias}. */
    static ModernBertBiases fromJson(ConfigJson json) {
        return new ModernBertBiases(
                flag(json, "norm_bias"),
                flag(json, "attention_bias"),
                flag(json, "mlp_bias"),
                flag(json, "classifier_bias"));
    }

    private static boolean flag(ConfigJson json, String key) {
        var v = json.json().get(key);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("field \"" + key + "\" must be true or false, got " + v);
        }
        return v.booleanValue();
    }
}
