package dev.rerank4j.model.bert;

import dev.rerank4j.ModelFormatException;
import dev.rerank4j.model.ConfigHeader;
import dev.rerank4j.model.ConfigJson;
import dev.rerank4j.model.Dropouts;
import dev.rerank4j.model.EncoderSizes;
import dev.rerank4j.model.ModelConfig;

/**
 * A {@code config.json} of {@code model_type: bert}, as transformers' {@code BertConfig}. The key readers here are
 * shared by the BERT-style families (RoBERTa, ELECTRA), whose configs use the same keys with other defaults.
 *
 * @param header model type, architectures, labels, raw JSON
 * @param sizes {@code hidden_size}, {@code num_hidden_layers}, ... (defaults 768, 12 layers, 12 heads, 3072)
 * @param dropout {@code hidden_dropout_prob}, {@code attention_probs_dropout_prob}, {@code classifier_dropout}
 * @param typeVocabSize {@code type_vocab_size} (default 2)
 * @param padTokenId {@code pad_token_id} (default 0)
 */
public record BertConfig(ConfigHeader header, EncoderSizes sizes, Dropouts dropout, int typeVocabSize, int padTokenId)
        implements ModelConfig {
    /** transformers' {@code BertConfig} default {@code pad_token_id}. */
    public static final int DEFAULT_PAD_TOKEN_ID = 0;

    public BertConfig {
        requireTypeVocabSize(typeVocabSize);
    }

    /** Maps the keys of a {@code bert} config. */
    public static BertConfig fromJson(ConfigJson json) {
        requireAbsolutePositions(json);
        return new BertConfig(
                json.header(),
                readSizes(json, 768, 12, 3072),
                readDropouts(json),
                json.integer("type_vocab_size", 2),
                json.integer("pad_token_id", DEFAULT_PAD_TOKEN_ID));
    }

    @Override
    public BertConfig withNumLabels(int labels) {
        return new BertConfig(header.withNumLabels(labels), sizes, dropout, typeVocabSize, padTokenId);
    }

    @Override
    public BertConfig withDropout(float hidden, float attention) {
        return new BertConfig(header, sizes, dropout.with(hidden, attention), typeVocabSize, padTokenId);
    }

    /**
     * The BERT keys' hyper-parameters ({@code vocab_size} 30522, {@code max_position_embeddings} 512,
     * {@code hidden_act} gelu, {@code layer_norm_eps} 1e-12, {@code initializer_range} 0.02 by default) with the
     * family's defaults for the keys that differ; the embedding width is the hidden size.
     */
    public static EncoderSizes readSizes(ConfigJson json, int hidden, int heads, int intermediate) {
        int hiddenSize = json.integer("hidden_size", hidden);
        return new EncoderSizes(
                json.integer("vocab_size", 30522),
                hiddenSize,
                hiddenSize,
                json.integer("num_hidden_layers", 12),
                json.integer("num_attention_heads", heads),
                json.integer("intermediate_size", intermediate),
                json.text("hidden_act", "gelu"),
                json.integer("max_position_embeddings", 512),
                json.decimal("layer_norm_eps", 1e-12f),
                json.decimal("initializer_range", 0.02f));
    }

    /** {@code hidden_dropout_prob} and {@code attention_probs_dropout_prob} (0.1), {@code classifier_dropout}. */
    public static Dropouts readDropouts(ConfigJson json) {
        return new Dropouts(
                json.decimal("hidden_dropout_prob", 0.1f),
                json.decimal("attention_probs_dropout_prob", 0.1f),
                json.decimal("classifier_dropout", Float.NaN));
    }

    /**
     * Refuses {@code position_embedding_type} other than {@code absolute} (relative_key needs weights and maths
     * rerank4j does not implement).
     */
    public static void requireAbsolutePositions(ConfigJson json) {
        String positions = json.text("position_embedding_type", "absolute");
        if (!positions.equals("absolute")) {
            throw new ModelFormatException("unsupported position_embedding_type \"" + positions
                    + "\" in config.json; rerank4j supports \"absolute\" position embeddings");
        }
    }

    /** Checks a {@code type_vocab_size}. */
    public static void requireTypeVocabSize(int typeVocabSize) {
        if (typeVocabSize < 0) {
            throw new IllegalArgumentException("type_vocab_size must be >= 0, got " + typeVocabSize);
        }
    }
}
