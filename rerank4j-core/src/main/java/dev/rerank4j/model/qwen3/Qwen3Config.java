package dev.rerank4j.model.qwen3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rerank4j.ModelFormatException;
import dev.rerank4j.model.CausalLmConfig;
import dev.rerank4j.model.ConfigHeader;
import dev.rerank4j.model.ConfigJson;
import dev.rerank4j.model.Dropouts;
import dev.rerank4j.model.EncoderSizes;
import dev.rerank4j.model.LogitScore;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code config.json} of {@code model_type: qwen3} or {@code qwen2}, as transformers' {@code Qwen3Config} /
 * {@code Qwen2Config}: the decoder's sizes under their BERT names ({@code num_hidden_layers}, ...), plus what a
 * decoder adds.
 *
 * @param header model type, architectures, labels, raw JSON
 * @param sizes {@code vocab_size} (151936), {@code hidden_size} (4096), {@code num_hidden_layers} (32),
 *     {@code num_attention_heads} (32), {@code intermediate_size} (22016), {@code hidden_act} (silu),
 *     {@code max_position_embeddings} (32768), {@code rms_norm_eps} (1e-6), {@code initializer_range} (0.02)
 * @param dropout {@code attention_dropout} (0) on the attention probabilities; decoders have no hidden dropout
 * @param padTokenId {@code pad_token_id} (151643, {@code <|endoftext|>}, when absent)
 * @param kvHeads {@code num_key_value_heads} (grouped-query attention; default the query heads)
 * @param headDim {@code head_dim} (Qwen3: given, default 128; Qwen2: {@code hidden_size / num_attention_heads})
 * @param ropeTheta {@code rope_parameters.rope_theta} or the older top-level {@code rope_theta} (10000)
 * @param qkvBias whether q/k/v projections have biases (Qwen2 always; Qwen3 {@code attention_bias})
 * @param outputBias whether {@code o_proj} has a bias (Qwen3 {@code attention_bias}; Qwen2 never)
 * @param qkNorm whether each head's queries and keys are RMS-normalised before RoPE (Qwen3, not Qwen2)
 * @param tiedEmbeddings {@code tie_word_embeddings}: the LM head is the embedding table (no {@code lm_head.weight})
 * @param logitScore the LogitScore of a causal LM once resolved (see {@link CausalLmConfig})
 */
public record Qwen3Config(
        ConfigHeader header,
        EncoderSizes sizes,
        Dropouts dropout,
        int padTokenId,
        int kvHeads,
        int headDim,
        float ropeTheta,
        boolean qkvBias,
        boolean outputBias,
        boolean qkNorm,
        boolean tiedEmbeddings,
        Optional<LogitScore> logitScore)
        implements CausalLmConfig {
    /** {@code <|endoftext|>} of the Qwen2/Qwen3 tokenizers, their pad token. */
    public static final int DEFAULT_PAD_TOKEN_ID = 151643;

    public Qwen3Config {
        Objects.requireNonNull(logitScore, "logitScore");
        if (kvHeads <= 0 || sizes.numHeads() % kvHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads (" + sizes.numHeads()
                    + ") must be a positive multiple of num_key_value_heads (" + kvHeads + ")");
        }
        if (headDim <= 0 || headDim % 2 != 0) {
            throw new IllegalArgumentException(
                    "head_dim must be positive and even (rotary embeddings), got " + headDim);
        }
        if (!(ropeTheta > 1)) {
            throw new IllegalArgumentException("rope_theta must be > 1, got " + ropeTheta);
        }
    }

    /** Maps the keys of a {@code qwen3} ({@code qwen2} when {@code qwen2} is true) config. */
    static Qwen3Config fromJson(ConfigJson json, boolean qwen2) {
        refuseSlidingWindow(json);
        int hidden = json.integer("hidden_size", 4096);
        int heads = json.integer("num_attention_heads", 32);
        EncoderSizes sizes = new EncoderSizes(
                json.integer("vocab_size", 151936),
                hidden,
                hidden,
                json.integer("num_hidden_layers", 32),
                heads,
                json.integer("intermediate_size", 22016),
                json.text("hidden_act", "silu"),
                json.integer("max_position_embeddings", 32768),
                json.decimal("rms_norm_eps", 1e-6f),
                json.decimal("initializer_range", 0.02f));
        float attention = json.decimal("attention_dropout", 0f);
        boolean bias = json.json().path("attention_bias").asBoolean(false);
        int headDim = qwen2 ? hidden / heads : json.integer("head_dim", 128);
        if (qwen2 && json.json().hasNonNull("head_dim")) {
            headDim = json.integer("head_dim", headDim);
        }
        return new Qwen3Config(
                json.header(),
                sizes,
                new Dropouts(0f, attention, Float.NaN),
                json.integer("pad_token_id", DEFAULT_PAD_TOKEN_ID),
                json.integer("num_key_value_heads", heads),
                headDim,
                ropeTheta(json),
                qwen2 || bias,
                !qwen2 && bias,
                !qwen2,
                json.json().path("tie_word_embeddings").asBoolean(false),
                Optional.empty());
    }

    private static float ropeTheta(ConfigJson json) {
        JsonNode parameters = json.json().path("rope_parameters");
        if (parameters.isObject()) {
            String type = parameters.path("rope_type").asText("default");
            if (!type.equals("default")) {
                throw new ModelFormatException("unsupported rope_parameters.rope_type \"" + type
                        + "\" in config.json; rerank4j implements the \"default\" rotary embeddings");
            }
            JsonNode theta = parameters.get("rope_theta");
            if (theta != null && theta.isNumber()) {
                return theta.floatValue();
            }
        }
        JsonNode scaling = json.json().path("rope_scaling");
        if (scaling.isObject()) {
            throw new ModelFormatException("unsupported rope_scaling " + scaling
                    + " in config.json; rerank4j implements the \"default\" rotary embeddings");
        }
        return json.decimal("rope_theta", 10000f);
    }

    private static void refuseSlidingWindow(ConfigJson json) {
        if (json.json().path("use_sliding_window").asBoolean(false)) {
            throw new ModelFormatException("use_sliding_window: true in config.json is not supported; rerank4j runs"
                    + " Qwen2/Qwen3 with full causal attention (the released checkpoints set it to false)");
        }
    }

    @Override
    public boolean causalLm() {
        return !architectures().isEmpty() && architectures().get(0).endsWith("ForCausalLM");
    }

    @Override
    public Qwen3Config withLogitScore(LogitScore score) {
        return new Qwen3Config(
                header,
                sizes,
                dropout,
                padTokenId,
                kvHeads,
                headDim,
                ropeTheta,
                qkvBias,
                outputBias,
                qkNorm,
                tiedEmbeddings,
                Optional.of(score));
    }

    @Override
    public Qwen3Config withNumLabels(int labels) {
        return new Qwen3Config(
                header.withNumLabels(labels),
                sizes,
                dropout,
                padTokenId,
                kvHeads,
                headDim,
                ropeTheta,
                qkvBias,
                outputBias,
                qkNorm,
                tiedEmbeddings,
                logitScore);
    }

    /** Decoders have no hidden dropout: only the attention probabilities' ({@code attention_dropout}) changes. */
    @Override
    public Qwen3Config withDropout(float hidden, float attention) {
        return new Qwen3Config(
                header,
                sizes,
                dropout.with(0f, attention),
                padTokenId,
                kvHeads,
                headDim,
                ropeTheta,
                qkvBias,
                outputBias,
                qkNorm,
                tiedEmbeddings,
                logitScore);
    }

    /** {@code rms_norm_eps}. */
    public float rmsNormEps() {
        return sizes.layerNormEps();
    }
}
