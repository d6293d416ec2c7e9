package dev.rerank4j.model.modernbert;

import dev.rerank4j.model.ConfigHeader;
import dev.rerank4j.model.ConfigJson;
import dev.rerank4j.model.Dropouts;
import dev.rerank4j.model.EncoderSizes;
import dev.rerank4j.model.ModelConfig;
import dev.rerank4j.model.nn.HiddenActivation;

/**
 * A {@code config.json} of {@code model_type: modernbert}, as transformers' {@code ModernBertConfig}.
 *
 * @param header model type, architectures, labels, raw JSON
 * @param sizes {@code hidden_size} (768), {@code num_hidden_layers} (22), {@code num_attention_heads} (12),
 *     {@code intermediate_size} (1152), {@code hidden_activation} (gelu), {@code max_position_embeddings} (8192),
 *     {@code norm_eps} (1e-5), {@code vocab_size} (50368)
 * @param dropout {@code mlp_dropout} as the hidden dropout (also used for the embeddings when rerank4j changes the
 *     dropout for training), {@code attention_dropout}, {@code classifier_dropout} (all 0 by default)
 * @param embeddingDropout {@code embedding_dropout}
 * @param padTokenId {@code pad_token_id} (50283)
 * @param biases which layers have biases
 * @param layout global and sliding-window layers and their rotary bases
 * @param head {@code classifier_pooling} and {@code classifier_activation}
 */
public record ModernBertConfig(
        ConfigHeader header,
        EncoderSizes sizes,
        Dropouts dropout,
        float embeddingDropout,
        int padTokenId,
        ModernBertBiases biases,
        ModernBertLayout layout,
        ModernBertHead head)
        implements ModelConfig {
    /** transformers' {@code ModernBertConfig} default {@code pad_token_id}. */
    public static final int DEFAULT_PAD_TOKEN_ID = 50283;

    public ModernBertConfig {
        if (!(embeddingDropout >= 0 && embeddingDropout < 1)) {
            throw new IllegalArgumentException("embedding_dropout must be in [0, 1), got " + embeddingDropout);
        }
        if (layout.layerTypes().size() != sizes.numLayers()) {
            throw new IllegalArgumentException("layer_types has "
                    + layout.layerTypes().size() + " entries but num_hidden_layers is " + sizes.numLayers());
        }
        if ((sizes.hiddenSize() / sizes.numHeads()) % 2 != 0) {
            throw new IllegalArgumentException(
                    "hidden_size / num_attention_heads must be even for rotary embeddings, got "
                            + sizes.hiddenSize() / sizes.numHeads());
        }
    }

    /** Maps the keys of a {@code modernbert} config. */
    public static ModernBertConfig fromJson(ConfigJson json) {
        int layers = json.integer("num_hidden_layers", 22);
        EncoderSizes sizes = new EncoderSizes(
                json.integer("vocab_size", 50368),
                json.integer("hidden_size", 768),
                json.integer("hidden_size", 768),
                layers,
                json.integer("num_attention_heads", 12),
                json.integer("intermediate_size", 1152),
                json.text("hidden_activation", "gelu"),
                json.integer("max_position_embeddings", 8192),
                json.decimal("norm_eps", 1e-5f),
                json.decimal("initializer_range", 0.02f));
        HiddenActivation.forName(sizes.hiddenAct());
        Dropouts dropout = new Dropouts(
                json.decimal("mlp_dropout", 0f),
                json.decimal("attention_dropout", 0f),
                json.decimal("classifier_dropout", 0f));
        return new ModernBertConfig(
                json.header(),
                sizes,
                dropout,
                json.decimal("embedding_dropout", 0f),
                json.integer("pad_token_id", DEFAULT_PAD_TOKEN_ID),
                ModernBertBiases.fromJson(json),
                ModernBertLayout.fromJson(json, layers),
                ModernBertHead.fromJson(json));
    }

    @Override
    public ModernBertConfig withNumLabels(int labels) {
        return new ModernBertConfig(
                header.withNumLabels(labels), sizes, dropout, embeddingDropout, padTokenId, biases, layout, head);
    }

    /** The hidden probability applies to the embeddings and the feed-forward, the attention one to the attention. */
    @Override
    public ModernBertConfig withDropout(float hidden, float attention) {
        return new ModernBertConfig(
                header, sizes, dropout.with(hidden, attention), hidden, padTokenId, biases, layout, head);
    }

    /** The width of one attention head. */
    public int headDim() {
        return sizes.hiddenSize() / sizes.numHeads();
    }
}
