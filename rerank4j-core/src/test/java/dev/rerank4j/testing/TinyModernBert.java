package dev.rerank4j.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code config.json} keys of a tiny ModernBERT for {@link TinyModels}: hidden 32, 3 layers (global, sliding,
 * global: {@code global_attn_every_n_layers} 2), 4 heads of 8, a window of 8 tokens ({@code local_attention} 8, so
 * the test pairs are longer than a window), distinct global and local rotary bases in the original key form, mean
 * pooling, and a mix of biases (attention and classifier on, norm and MLP off) so both paths run.
 */
final class TinyModernBert {
    private TinyModernBert() {}

    static void sizes(ObjectNode c) {
        c.put("hidden_size", 32).put("num_hidden_layers", 3).put("num_attention_heads", 4);
        c.put("intermediate_size", 48).put("hidden_activation", "gelu");
        c.put("max_position_embeddings", 64).put("norm_eps", 1e-5);
        c.put("global_attn_every_n_layers", 2).put("local_attention", 8);
        c.put("global_rope_theta", 160000.0).put("local_rope_theta", 10000.0);
        c.put("norm_bias", false).put("attention_bias", true).put("mlp_bias", false);
        c.put("classifier_bias", true).put("classifier_activation", "gelu").put("classifier_pooling", "mean");
        c.put("embedding_dropout", 0.0).put("attention_dropout", 0.0).put("mlp_dropout", 0.0);
        c.put("classifier_dropout", 0.0);
    }

    /** The token ids ModernBERT's config names, from the tokenizer. */
    static void specialIds(ObjectNode c, ObjectNode tokenizer) {
        c.put("pad_token_id", TinyTokenizers.tokenId(tokenizer, "[PAD]"));
        c.put("cls_token_id", TinyTokenizers.tokenId(tokenizer, "[CLS]"));
        c.put("bos_token_id", TinyTokenizers.tokenId(tokenizer, "[CLS]"));
        c.put("sep_token_id", TinyTokenizers.tokenId(tokenizer, "[SEP]"));
        c.put("eos_token_id", TinyTokenizers.tokenId(tokenizer, "[SEP]"));
    }
}
