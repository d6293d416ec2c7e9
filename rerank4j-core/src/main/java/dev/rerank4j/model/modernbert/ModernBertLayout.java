package dev.rerank4j.model.modernbert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rerank4j.ModelFormatException;
import dev.rerank4j.model.ConfigJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Which ModernBERT layers attend globally and which within a sliding window, and the rotary base of each, from
 * either form of the config: the original keys ({@code global_attn_every_n_layers}, {@code global_rope_theta},
 * {@code local_rope_theta}) or the newer ones ({@code layer_types}, {@code rope_parameters} keyed by
 * {@code full_attention} / {@code sliding_attention}).
 *
 * <p>As in transformers' {@code ModernBertAttention}, a layer's <em>window</em> follows
 * {@code layer % global_attn_every_n_layers} (layer 0, n, 2n, ... are global) while its <em>rotary base</em> follows
 * {@code layer_types} (which defaults to the same pattern).
 *
 * @param layerTypes per layer, {@code full_attention} or {@code sliding_attention}
 * @param globalEvery {@code global_attn_every_n_layers} (3)
 * @param localAttention {@code local_attention} (128): the window's total width; a query sees
 *     {@code local_attention / 2} tokens on each side
 * @param globalTheta the rotary base of {@code full_attention} layers (160000)
 * @param localTheta the rotary base of {@code sliding_attention} layers (10000)
 */
public record ModernBertLayout(
        List<String> layerTypes, int globalEvery, int localAttention, float globalTheta, float localTheta) {
    /** The {@code layer_types} value of a global layer. */
    public static final String FULL = "full_attention";
    /** The {@code layer_types} value of a sliding-window layer. */
    public static final String SLIDING = "sliding_attention";

    public ModernBertLayout {
        layerTypes = List.copyOf(layerTypes);
        for (int i = 0; i < layerTypes.size(); i++) {
            String t = layerTypes.get(i);
            if (!t.equals(FULL) && !t.equals(SLIDING)) {
                throw new IllegalArgumentException(
                        "layer_types[" + i + "] must be \"" + FULL + "\" or \"" + SLIDING + "\", got \"" + t + "\"");
            }
        }
        if (globalEvery <= 0) {
            throw new IllegalArgumentException("global_attn_every_n_layers must be > 0, got " + globalEvery);
        }
        if (localAttention <= 0) {
            throw new IllegalArgumentException("local_attention must be > 0, got " + localAttention);
        }
        for (float theta : new float[] {globalTheta, localTheta}) {
            if (!(theta > 1)) {
                throw new IllegalArgumentException("rope_theta must be > 1, got " + theta);
            }
        }
    }

    /** Whether layer {@code i} attends globally ({@code i % global_attn_every_n_layers == 0}). */
    public boolean global(int layer) {
        return layer % globalEvery == 0;
    }

    /** The half width of the sliding window: {@code local_attention / 2}. */
    public int halfWindow() {
        return localAttention / 2;
    }

    /** The rotary base of layer {@code i}, by its {@code layer_types} entry. */
    public float ropeTheta(int layer) {
        return layerTypes.get(layer).equals(FULL) ? globalTheta : localTheta;
    }

    static ModernBertLayout fromJson(ConfigJson json, int layers) {
        int every = json.integer("global_attn_every_n_layers", 3);
        if (every <= 0) {
            throw new IllegalArgumentException("field \"global_attn_every_n_layers\" must be > 0, got " + every);
        }
        List<String> types = new ArrayList<>();
        JsonNode given = json.json().get("layer_types");
        if (given == null || given.isNull()) {
            for (int i = 0; i < layers; i++) {
                types.add(i % every == 0 ? FULL : SLIDING);
            }
        } else if (!given.isArray()) {
            throw new IllegalArgumentException("field \"layer_types\" must be a list, got " + given);
        } else {
            given.forEach(t -> types.add(t.asText()));
        }
        float global = json.decimal("global_rope_theta", 160_000f);
        JsonNode local = json.json().get("local_rope_theta");
        // transformers before 4.57: a null local_rope_theta made local layers use the global base.
        float localTheta = local != null && local.isNull() ? global : json.decimal("local_rope_theta", 10_000f);
        JsonNode rope = json.json().get("rope_parameters");
        if (rope != null && !rope.isNull()) {
            if (rope.has("rope_theta")) {
                global = theta(rope, "rope_parameters", global);
                localTheta = global;
            } else {
                global = rope.has(FULL) ? theta(rope.get(FULL), "rope_parameters." + FULL, global) : global;
                localTheta = rope.has(SLIDING)
                        ? theta(rope.get(SLIDING), "rope_parameters." + SLIDING, localTheta)
                        : localTheta;
            }
        }
        return new ModernBertLayout(types, every, json.integer("local_attention", 128), global, localTheta);
    }

    private static float theta(JsonNode params, String where, float fallback) {
        String type = params.path("rope_type").asText("default");
        if (!type.equals("default")) {
            throw new ModelFormatException("unsupported " + where + ".rope_type \"" + type
                    + "\" in config.json; rerank4j supports the \"default\" rotary embedding of ModernBERT");
        }
        JsonNode theta = params.get("rope_theta");
        if (theta == null || theta.isNull()) {
            return fallback; // transformers fills a missing base from global_rope_theta / local_rope_theta
        }
        if (!theta.isNumber()) {
            throw new IllegalArgumentException("field \"" + where + ".rope_theta\" must be a number, got " + theta);
        }
        return theta.floatValue();
    }
}
