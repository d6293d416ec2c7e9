package dev.rerank4j.model.roberta;

import dev.rerank4j.model.ConfigHeader;
import dev.rerank4j.model.ConfigJson;
import dev.rerank4j.model.Dropouts;
import dev.rerank4j.model.EncoderSizes;
import dev.rerank4j.model.ModelConfig;
import dev.rerank4j.model.bert.BertConfig;

/**
 * A {@code config.json} of {@code model_type: roberta} or {@code xlm-roberta}, as transformers' {@code RobertaConfig}
 * and {@code XLMRobertaConfig}: BERT's keys and defaults, except {@code pad_token_id} 1 (its position ids count from
 * it).
 *
 * @param header model type, architectures, labels, raw JSON
 * @param sizes {@code hidden_size}, {@code num_hidden_layers}, ... (defaults 768, 12 layers, 12 heads, 3072)
 * @param dropout {@code hidden_dropout_prob}, {@code attention_probs_dropout_prob}, {@code classifier_dropout}
 * @param typeVocabSize {@code type_vocab_size} (default 2; RoBERTa checkpoints have 1)
 * @param padTokenId {@code pad_token_id} (default 1), also {@code padding_idx} of the position table
 */
public record RobertaConfig(
        ConfigHeader header, EncoderSizes sizes, Dropouts dropout, int typeVocabSize, int padTokenId)
        implements ModelConfig {
    /** transformers' {@code RobertaConfig} default {@code pad_token_id}. */
    public static final int DEFAULT_PAD_TOKEN_ID = 1;

    public RobertaConfig {
        BertConfig.requireTypeVocabSize(typeVocabSize);
    }

    /** Maps the keys of a {@code roberta} or {@code xlm-roberta} config. */
    public static RobertaConfig fromJson(ConfigJson json) {
        BertConfig.requireAbsolutePositions(json);
        return new RobertaConfig(
                json.header(),
                BertConfig.readSizes(json, 768, 12, 3072),
                BertConfig.readDropouts(json),
                json.integer("type_vocab_size", 2),
                json.integer("pad_token_id", DEFAULT_PAD_TOKEN_ID));
    }

    @Override
    public RobertaConfig withNumLabels(int labels) {
        return new RobertaConfig(header.withNumLabels(labels), sizes, dropout, typeVocabSize, padTokenId);
    }

    @Override
    public RobertaConfig withDropout(float hidden, float attention) {
        return new RobertaConfig(header, sizes, dropout.with(hidden, attention), typeVocabSize, padTokenId);
    }
}
