package dev.rerank4j.model.electra;

import dev.rerank4j.model.ConfigHeader;
import dev.rerank4j.model.ConfigJson;
import dev.rerank4j.model.Dropouts;
import dev.rerank4j.model.EncoderSizes;
import dev.rerank4j.model.ModelConfig;
import dev.rerank4j.model.bert.BertConfig;

/**
 * A {@code config.json} of {@code model_type: electra}, as transformers' {@code ElectraConfig}: BERT's keys with the
 * defaults of the small discriminator ({@code hidden_size} 256, 4 heads, {@code intermediate_size} 1024), plus
 * {@code embedding_size} (default 128), the width of the embedding tables.
 *
 * @param header model type, architectures, labels, raw JSON
 * @param sizes {@code hidden_size}, {@code embedding_size}, {@code num_hidden_layers}, ...
 * @param dropout {@code hidden_dropout_prob}, {@code attention_probs_dropout_prob}, {@code classifier_dropout}
 * @param typeVocabSize {@code type_vocab_size} (default 2)
 * @param padTokenId {@code pad_token_id} (default 0)
 */
public record ElectraConfig(
        ConfigHeader header, EncoderSizes sizes, Dropouts dropout, int typeVocabSize, int padTokenId)
        implements ModelConfig {
    /** transformers' {@code ElectraConfig} default {@code pad_token_id}. */
    public static final int DEFAULT_PAD_TOKEN_ID = 0;

    public ElectraConfig {
        BertConfig.requireTypeVocabSize(typeVocabSize);
    }

    /** Maps the keys of an {@code electra} config. */
    public static ElectraConfig fromJson(ConfigJson json) {
        BertConfig.requireAbsolutePositions(json);
        EncoderSizes sizes = BertConfig.readSizes(json, 256, 4, 1024);
        return new ElectraConfig(
                json.header(),
                sizes.withEmbeddingSize(json.integer("embedding_size", 128)),
                BertConfig.readDropouts(json),
                json.integer("type_vocab_size", 2),
                json.integer("pad_token_id", DEFAULT_PAD_TOKEN_ID));
    }

    /** Whether the embeddings are projected to the hidden size ({@code embeddings_project}). */
    public boolean projectsEmbeddings() {
        return sizes.embeddingSize() != sizes.hiddenSize();
    }

    @Override
    public ElectraConfig withNumLabels(int labels) {
        return new ElectraConfig(header.withNumLabels(labels), sizes, dropout, typeVocabSize, padTokenId);
    }

    @Override
    public ElectraConfig withDropout(float hidden, float attention) {
        return new ElectraConfig(header, sizes, dropout.with(hidden, attention), typeVocabSize, padTokenId);
    }
}
