package dev.rerank4j.model.deberta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rerank4j.ModelFormatException;
import dev.rerank4j.model.ConfigHeader;
import dev.rerank4j.model.ConfigJson;
import dev.rerank4j.model.Dropouts;
import dev.rerank4j.model.EncoderSizes;
import dev.rerank4j.model.ModelConfig;
import dev.rerank4j.model.deberta.RelativeAttention.Term;
import dev.rerank4j.model.nn.HiddenActivation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A {@code config.json} of {@code model_type: deberta-v2} (DeBERTa-v2 and DeBERTa-v3), as transformers'
 * {@code DebertaV2Config}: defaults {@code hidden_size} 1536, 24 layers, 24 heads, {@code intermediate_size} 6144,
 * {@code vocab_size} 128100, {@code layer_norm_eps} 1e-7, {@code type_vocab_size} 0, {@code position_biased_input}
 * true, {@code relative_attention} false, {@code pooler_hidden_act} gelu, {@code pooler_dropout} 0. The classifier's
 * dropout is {@code cls_dropout}, else {@code hidden_dropout_prob}.
 *
 * <p>Refused with a message: {@code conv_kernel_size} above 0 (the convolution layer of the DeBERTa-v2 xlarge
 * checkpoints, which DeBERTa-v3 does not have), a {@code pooler_hidden_size} or {@code attention_head_size} other than
 * transformers' classification model can use, and unknown {@code pos_att_type} / {@code norm_rel_ebd} values.
 *
 * @param header model type, architectures, labels, raw JSON
 * @param sizes {@code hidden_size}, {@code embedding_size} (default the hidden size), {@code num_hidden_layers}, ...
 * @param dropout {@code hidden_dropout_prob}, {@code attention_probs_dropout_prob}, {@code cls_dropout}
 * @param typeVocabSize {@code type_vocab_size} (default 0: no token-type table)
 * @param padTokenId {@code pad_token_id} (default 0)
 * @param positionBiasedInput {@code position_biased_input}: whether absolute position embeddings are added
 * @param relative the disentangled-attention settings
 * @param poolerAct {@code pooler_hidden_act}, the activation of the context pooler
 * @param poolerDropout {@code pooler_dropout}, applied to the [CLS] state before the pooler's dense layer
 */
public record DebertaV2Config(
        ConfigHeader header,
        EncoderSizes sizes,
        Dropouts dropout,
        int typeVocabSize,
        int padTokenId,
        boolean positionBiasedInput,
        RelativeAttention relative,
        String poolerAct,
        float poolerDropout)
        implements ModelConfig {
    /** transformers' {@code DebertaV2Config} default {@code pad_token_id}. */
    public static final int DEFAULT_PAD_TOKEN_ID = 0;

    public DebertaV2Config {
        if (typeVocabSize < 0) {
            throw new IllegalArgumentException("type_vocab_size must be >= 0, got " + typeVocabSize);
        }
        HiddenActivation.forName(poolerAct);
        if (!(poolerDropout >= 0 && poolerDropout < 1)) {
            throw new IllegalArgumentException("pooler_dropout must be in [0, 1), got " + poolerDropout);
        }
    }

    /** Maps the keys of a {@code deberta-v2} config. */
    public static DebertaV2Config fromJson(ConfigJson json) {
        refuseUnsupported(json);
        int hidden = json.integer("hidden_size", 1536);
        int maxPositions = json.integer("max_position_embeddings", 512);
        EncoderSizes sizes = new EncoderSizes(
                json.integer("vocab_size", 128100),
                hidden,
                json.integer("embedding_size", hidden),
                json.integer("num_hidden_layers", 24),
                json.integer("num_attention_heads", 24),
                json.integer("intermediate_size", 6144),
                json.text("hidden_act", "gelu"),
                maxPositions,
                json.decimal("layer_norm_eps", 1e-7f),
                json.decimal("initializer_range", 0.02f));
        Dropouts dropouts = new Dropouts(
                json.decimal("hidden_dropout_prob", 0.1f),
                json.decimal("attention_probs_dropout_prob", 0.1f),
                json.decimal("cls_dropout", Float.NaN));
        int maxRelative = json.integer("max_relative_positions", -1);
        RelativeAttention relative = new RelativeAttention(
                flag(json, "relative_attention", false),
                terms(json),
                maxRelative < 1 ? maxPositions : maxRelative,
                json.integer("position_buckets", -1),
                flag(json, "share_att_key", false),
                normRelEmbeddings(json));
        return new DebertaV2Config(
                json.header(),
                sizes,
                dropouts,
                json.integer("type_vocab_size", 0),
                json.integer("pad_token_id", DEFAULT_PAD_TOKEN_ID),
                flag(json, "position_biased_input", true),
                relative,
                json.text("pooler_hidden_act", "gelu"),
                json.decimal("pooler_dropout", 0f));
    }

    /** Whether word embeddings are narrower than the hidden size and projected by {@code embeddings.embed_proj}. */
    public boolean projectsEmbeddings() {
        return sizes.embeddingSize() != sizes.hiddenSize();
    }

    @Override
    public DebertaV2Config withNumLabels(int labels) {
        return new DebertaV2Config(
                header.withNumLabels(labels),
                sizes,
                dropout,
                typeVocabSize,
                padTokenId,
                positionBiasedInput,
                relative,
                poolerAct,
                poolerDropout);
    }

    @Override
    public DebertaV2Config withDropout(float hidden, float attention) {
        return new DebertaV2Config(
                header,
                sizes,
                dropout.with(hidden, attention),
                typeVocabSize,
                padTokenId,
                positionBiasedInput,
                relative,
                poolerAct,
                poolerDropout);
    }

    private static void refuseUnsupported(ConfigJson json) {
        int conv = json.integer("conv_kernel_size", 0);
        if (conv > 0) {
            throw new ModelFormatException("unsupported conv_kernel_size " + conv + " in config.json: rerank4j runs"
                    + " DeBERTa-v2/v3 without the convolution layer of the DeBERTa-v2 xlarge/xxlarge checkpoints"
                    + " (DeBERTa-v3 configs have no conv_kernel_size); use a DeBERTa-v3 model");
        }
        int hidden = json.integer("hidden_size", 1536);
        int pooler = json.integer("pooler_hidden_size", hidden);
        if (pooler != hidden) {
            throw new ModelFormatException("unsupported pooler_hidden_size " + pooler + " in config.json: the"
                    + " classifier of DebertaV2ForSequenceClassification reads hidden_size (" + hidden + ") features;"
                    + " remove pooler_hidden_size or set it to hidden_size");
        }
        int heads = json.integer("num_attention_heads", 24);
        int headSize = json.integer("attention_head_size", heads > 0 ? hidden / heads : 0);
        if (heads > 0 && headSize * heads != hidden) {
            throw new ModelFormatException("unsupported attention_head_size " + headSize + " in config.json:"
                    + " rerank4j needs attention_head_size x num_attention_heads = hidden_size (" + hidden + ")");
        }
    }

    /** {@code pos_att_type}: null, a {@code "p2c|c2p"} string or a list of {@code c2p} / {@code p2c}. */
    static Set<Term> terms(ConfigJson json) {
        JsonNode node = json.json().get("pos_att_type");
        List<String> names = new ArrayList<>();
        if (node == null || node.isNull()) {
            return Set.of();
        } else if (node.isTextual()) {
            for (String s : node.asText().toLowerCase(java.util.Locale.ROOT).split("\\|")) {
                names.add(s.strip());
            }
        } else if (node.isArray()) {
            node.forEach(n -> names.add(n.asText().strip().toLowerCase(java.util.Locale.ROOT)));
        } else {
            throw new IllegalArgumentException(
                    "field \"pos_att_type\" must be a string like \"p2c|c2p\" or a list, got " + node);
        }
        Set<Term> terms = EnumSet.noneOf(Term.class);
        for (String name : names) {
            switch (name) {
                case "c2p" -> terms.add(Term.C2P);
                case "p2c" -> terms.add(Term.P2C);
                case "" -> {}
                default ->
                    throw new ModelFormatException("unsupported pos_att_type \"" + name
                            + "\" in config.json; DeBERTa-v2 supports \"c2p\" and \"p2c\" (e.g. \"p2c|c2p\")");
            }
        }
        return terms;
    }

    /** {@code norm_rel_ebd}: {@code "none"} (default) or {@code "layer_norm"}, {@code |}-separated. */
    private static boolean normRelEmbeddings(ConfigJson json) {
        boolean layerNorm = false;
        for (String s : json.text("norm_rel_ebd", "none")
                .toLowerCase(java.util.Locale.ROOT)
                .split("\\|")) {
            switch (s.strip()) {
                case "layer_norm" -> layerNorm = true;
                case "none", "" -> {}
                default ->
                    throw new ModelFormatException("unsupported norm_rel_ebd \"" + s.strip()
                            + "\" in config.json; DeBERTa-v2 supports \"layer_norm\" and \"none\"");
            }
        }
        return layerNorm;
    }

    private static boolean flag(ConfigJson json, String key, boolean fallback) {
        JsonNode v = json.json().get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("field \"" + key + "\" must be true or false, got " + v);
        }
        return v.booleanValue();
    }
}
