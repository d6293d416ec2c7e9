package dev.rerank4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The hyper-parameters {@link HfReference} needs, read from {@code config.json} with the defaults of the transformers
 * configuration classes ({@code BertConfig}, {@code RobertaConfig}, {@code XLMRobertaConfig}, {@code ElectraConfig},
 * {@code DistilBertConfig}) — on purpose independently of rerank4j's {@code ModelConfig}.
 *
 * @param modelType {@code model_type}
 * @param hiddenSize width of the encoder ({@code hidden_size}; DistilBERT {@code dim})
 * @param embeddingSize width of the embedding tables (ELECTRA {@code embedding_size}, else the hidden size)
 * @param numLayers encoder layers ({@code num_hidden_layers}; DistilBERT {@code n_layers})
 * @param numHeads attention heads ({@code num_attention_heads}; DistilBERT {@code n_heads})
 * @param intermediateSize feed-forward width ({@code intermediate_size}; DistilBERT {@code hidden_dim})
 * @param hiddenAct the feed-forward activation ({@code hidden_act}; DistilBERT {@code activation})
 * @param layerNormEps every LayerNorm's epsilon ({@code layer_norm_eps}; DistilBERT hard-codes 1e-12)
 * @param padTokenId {@code pad_token_id}, which RoBERTa's position ids are counted from
 */
public record HfReferenceConfig(
        String modelType,
        int hiddenSize,
        int embeddingSize,
        int numLayers,
        int numHeads,
        int intermediateSize,
        String hiddenAct,
        double layerNormEps,
        int padTokenId) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public HfReferenceConfig {
        if (hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException(
                    "hidden size " + hiddenSize + " must be a multiple of the head count " + numHeads);
        }
    }

    /** Reads {@code dir/config.json}. */
    public static HfReferenceConfig read(Path dir) throws IOException {
        Path file = dir.resolve("config.json");
        JsonNode c = JSON.readTree(file.toFile());
        String type = c.path("model_type").asText("");
        switch (type) {
            case "distilbert" -> {
                int dim = c.path("dim").asInt(768);
                return new HfReferenceConfig(
                        type,
                        dim,
                        dim,
                        c.path("n_layers").asInt(6),
                        c.path("n_heads").asInt(12),
                        c.path("hidden_dim").asInt(4 * 768),
                        c.path("activation").asText("gelu"),
                        1e-12,
                        c.path("pad_token_id").asInt(0));
            }
            case "bert", "electra", "roberta", "xlm-roberta" -> {
                String positions = c.path("position_embedding_type").asText("absolute");
                if (!positions.equals("absolute")) {
                    throw new IllegalArgumentException(
                            file + ": the reference implements absolute position embeddings only, got " + positions);
                }
                boolean electra = type.equals("electra");
                int hidden = c.path("hidden_size").asInt(electra ? 256 : 768);
                boolean roberta = type.equals("roberta") || type.equals("xlm-roberta");
                return new HfReferenceConfig(
                        type,
                        hidden,
                        electra ? c.path("embedding_size").asInt(128) : hidden,
                        c.path("num_hidden_layers").asInt(12),
                        c.path("num_attention_heads").asInt(electra ? 4 : 12),
                        c.path("intermediate_size").asInt(electra ? 1024 : 3072),
                        c.path("hidden_act").asText("gelu"),
                        c.path("layer_norm_eps").asDouble(1e-12),
                        c.path("pad_token_id").asInt(roberta ? 1 : 0));
            }
            case "qwen3", "qwen2" -> {
                // Qwen3Config / Qwen2Config; their pad_token_id defaults to None: rerank4j takes <|endoftext|>
                int hidden = c.path("hidden_size").asInt(4096);
                return new HfReferenceConfig(
                        type,
                        hidden,
                        hidden,
                        c.path("num_hidden_layers").asInt(32),
                        c.path("num_attention_heads").asInt(32),
                        c.path("intermediate_size").asInt(22016),
                        c.path("hidden_act").asText("silu"),
                        c.path("rms_norm_eps").asDouble(1e-6),
                        c.path("pad_token_id").asInt(151643));
            }
            case "deberta-v2" -> {
                int hidden = c.path("hidden_size").asInt(1536);
                return new HfReferenceConfig(
                        type,
                        hidden,
                        c.path("embedding_size").asInt(hidden),
                        c.path("num_hidden_layers").asInt(24),
                        c.path("num_attention_heads").asInt(24),
                        c.path("intermediate_size").asInt(6144),
                        c.path("hidden_act").asText("gelu"),
                        c.path("layer_norm_eps").asDouble(1e-7),
                        c.path("pad_token_id").asInt(0));
            }
            case "modernbert" -> {
                return new HfReferenceConfig(
                        type,
                        c.path("hidden_size").asInt(768),
                        c.path("hidden_size").asInt(768),
                        c.path("num_hidden_layers").asInt(22),
                        c.path("num_attention_heads").asInt(12),
                        c.path("intermediate_size").asInt(1152),
                        c.path("hidden_activation").asText("gelu"),
                        c.path("norm_eps").asDouble(1e-5),
                        c.path("pad_token_id").asInt(50283));
            }
            default -> throw new IllegalArgumentException(file + ": model_type \"" + type + "\" is not supported");
        }
    }

    /** Width of one attention head. */
    public int headSize() {
        return hiddenSize / numHeads;
    }
}
