package dev.rerank4j.model.distilbert;

import dev.rerank4j.model.ConfigHeader;
import dev.rerank4j.model.ConfigJson;
import dev.rerank4j.model.Dropouts;
import dev.rerank4j.model.EncoderSizes;
import dev.rerank4j.model.ModelConfig;

/**
 * A {@code config.json} of {@code model_type: distilbert}, as transformers' {@code DistilBertConfig}, whose keys differ
 * from BERT's: {@code dim} (768), {@code n_layers} (6), {@code n_heads} (12), {@code hidden_dim} (3072, not 4 x
 * {@code dim}), {@code activation}, {@code dropout}, {@code attention_dropout}, {@code seq_classif_dropout}. There are
 * no token types, and the LayerNorm epsilon is always 1e-12: {@code modeling_distilbert} ignores a
 * {@code layer_norm_eps} key.
 *
 * @param header model type, architectures, labels, raw JSON
 * @param sizes the hyper-parameters under their BERT names
 * @param dropout {@code dropout}, {@code attention_dropout}, {@code seq_classif_dropout}
 * @param padTokenId {@code pad_token_id} (default 0)
 */
public record DistilBertConfig(ConfigHeader header, EncoderSizes sizes, Dropouts dropout, int padTokenId)
        implements ModelConfig {
    /** transformers' {@code DistilBertConfig} default {@code pad_token_id}. */
    public static final int DEFAULT_PAD_TOKEN_ID = 0;

    /** The epsilon {@code modeling_distilbert} hard-codes in every LayerNorm. */
    public static final float LAYER_NORM_EPS = 1e-12f;

    /** Maps the keys of a {@code distilbert} config. */
    public static DistilBertConfig fromJson(ConfigJson json) {
        int dim = json.integer("dim", 768);
        EncoderSizes sizes = new EncoderSizes(
                json.integer("vocab_size", 30522),
                dim,
                dim,
                json.integer("n_layers", 6),
                json.integer("n_heads", 12),
                json.integer("hidden_dim", 3072),
                json.text("activation", "gelu"),
                json.integer("max_position_embeddings", 512),
                LAYER_NORM_EPS,
                json.decimal("initializer_range", 0.02f));
        Dropouts dropout = new Dropouts(
                json.decimal("dropout", 0.1f),
                json.decimal("attention_dropout", 0.1f),
                json.decimal("seq_classif_dropout", Float.NaN));
        return new DistilBertConfig(json.header(), sizes, dropout, json.integer("pad_token_id", DEFAULT_PAD_TOKEN_ID));
    }

    @Override
    public DistilBertConfig withNumLabels(int labels) {
        return new DistilBertConfig(header.withNumLabels(labels), sizes, dropout, padTokenId);
    }

    @Override
    public DistilBertConfig withDropout(float hidden, float attention) {
        return new DistilBertConfig(header, sizes, dropout.with(hidden, attention), padTokenId);
    }
}
