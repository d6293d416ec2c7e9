package dev.rerank4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Hugging Face {@code config.json}, mapped to Java names in this one place.
 *
 * <p>Architectures name some fields differently (DistilBERT: {@code dim}, {@code n_layers}, {@code hidden_dim},
 * {@code dropout}...); they are normalised here to the BERT names. The whole original JSON is kept in {@link #raw()}
 * so that saving preserves keys rerank4j does not interpret.
 *
 * @param modelType {@code model_type}, e.g. {@code bert}
 * @param architectures {@code architectures}, e.g. {@code [BertForSequenceClassification]}; may be empty
 * @param vocabSize {@code vocab_size}
 * @param hiddenSize {@code hidden_size} ({@code dim} for DistilBERT)
 * @param embeddingSize {@code embedding_size} (ELECTRA only; other types use hiddenSize whatever the config says)
 * @param numLayers {@code num_hidden_layers} ({@code n_layers})
 * @param numHeads {@code num_attention_heads} ({@code n_heads})
 * @param intermediateSize {@code intermediate_size} ({@code hidden_dim})
 * @param hiddenAct {@code hidden_act} ({@code activation})
 * @param hiddenDropout {@code hidden_dropout_prob} ({@code dropout})
 * @param attentionDropout {@code attention_probs_dropout_prob} ({@code attention_dropout})
 * @param classifierDropout {@code classifier_dropout} ({@code seq_classif_dropout}); NaN when null, meaning "use
 *     hiddenDropout"
 * @param maxPositionEmbeddings {@code max_position_embeddings}
 * @param typeVocabSize {@code type_vocab_size} (0 for DistilBERT, which has no token types)
 * @param layerNormEps {@code layer_norm_eps}; always 1e-12 for DistilBERT, whose modeling code ignores the key
 * @param padTokenId {@code pad_token_id}
 * @param initializerRange {@code initializer_range}, the std of freshly initialised weights
 * @param numLabels {@code num_labels}, or the size of {@code id2label}
 * @param raw the complete JSON as read (a private copy)
 */
public record ModelConfig(
        String modelType,
        List<String> architectures,
        int vocabSize,
        int hiddenSize,
        int embeddingSize,
        int numLayers,
        int numHeads,
        int intermediateSize,
        String hiddenAct,
        float hiddenDropout,
        float attentionDropout,
        float classifierDropout,
        int maxPositionEmbeddings,
        int typeVocabSize,
        float layerNormEps,
        int padTokenId,
        float initializerRange,
        int numLabels,
        ObjectNode raw) {

    static final ObjectMapper JSON = new ObjectMapper();

    public ModelConfig {
        architectures = List.copyOf(architectures);
        raw = raw.deepCopy();
        positive("vocab_size", vocabSize);
        positive("hidden_size", hiddenSize);
        positive("embedding_size", embeddingSize);
        positive("num_hidden_layers", numLayers);
        positive("num_attention_heads", numHeads);
        positive("intermediate_size", intermediateSize);
        positive("max_position_embeddings", maxPositionEmbeddings);
        positive("num_labels", numLabels);
        if (hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException(
                    "hidden_size (" + hiddenSize + ") must be a multiple of num_attention_heads (" + numHeads + ")");
        }
        probability("hidden_dropout_prob", hiddenDropout);
        probability("attention_probs_dropout_prob", attentionDropout);
        if (!Float.isNaN(classifierDropout)) {
            probability("classifier_dropout", classifierDropout);
        }
        if (typeVocabSize < 0) {
            throw new IllegalArgumentException("type_vocab_size must be >= 0, got " + typeVocabSize);
        }
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("layer_norm_eps must be > 0, got " + layerNormEps);
        }
    }

    /** Returns a private copy of the original JSON. */
    @Override
    public ObjectNode raw() {
        return raw.deepCopy();
    }

    /** The dropout of the classification head: {@code classifier_dropout}, else the hidden dropout. */
    public float headDropout() {
        return Float.isNaN(classifierDropout) ? hiddenDropout : classifierDropout;
    }

    /** Whether the checkpoint holds a trained sequence-classification head (an architecture ending so). */
    public boolean classifierTrained() {
        return architectures.stream().anyMatch(a -> a.endsWith("ForSequenceClassification"));
    }

    /** The activation function sentence-transformers saved in this config, if any (new and legacy keys). */
    public Optional<String> savedActivation() {
        JsonNode st = raw.path("sentence_transformers").path("activation_fn");
        if (st.isTextual()) {
            return Optional.of(st.asText());
        }
        JsonNode legacy = raw.path("sbert_ce_default_activation_function");
        return legacy.isTextual() ? Optional.of(legacy.asText()) : Optional.empty();
    }

    /** Returns a copy with other dropout probabilities (hidden, attention), e.g. 0 to speed up CPU training. */
    public ModelConfig withDropout(float hidden, float attention) {
        return new ModelConfig(
                modelType,
                architectures,
                vocabSize,
                hiddenSize,
                embeddingSize,
                numLayers,
                numHeads,
                intermediateSize,
                hiddenAct,
                hidden,
                attention,
                classifierDropout,
                maxPositionEmbeddings,
                typeVocabSize,
                layerNormEps,
                padTokenId,
                initializerRange,
                numLabels,
                raw);
    }

    /** Returns a copy with another number of labels. */
    public ModelConfig withNumLabels(int labels) {
        return new ModelConfig(
                modelType,
                architectures,
                vocabSize,
                hiddenSize,
                embeddingSize,
                numLayers,
                numHeads,
                intermediateSize,
                hiddenAct,
                hiddenDropout,
                attentionDropout,
                classifierDropout,
                maxPositionEmbeddings,
                typeVocabSize,
                layerNormEps,
                padTokenId,
                initializerRange,
                labels,
                raw);
    }

    /** Reads {@code config.json} of a model directory. */
    public static ModelConfig read(Path modelDir) {
        Path file = modelDir.resolve("config.json");
        JsonNode node;
        try {
            node = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file + ": missing; a model directory needs the config.json written by"
                    + " Hugging Face transformers or sentence-transformers");
        } catch (IOException e) {
            throw new ModelFormatException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ModelFormatException(file + ": expected a JSON object, got " + node.getNodeType());
        }
        try {
            return fromJson(object);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file + ": " + e.getMessage(), e);
        }
    }

    /** Maps a parsed {@code config.json}; fields missing from the JSON take transformers' defaults. */
    public static ModelConfig fromJson(ObjectNode json) {
        String type = text(json, "model_type", "");
        boolean distil = type.equals("distilbert");
        // Absent keys take the defaults of transformers' config class: ElectraConfig's differ from BertConfig's.
        boolean electra = type.equals("electra");
        int hidden = integer(json, distil ? "dim" : "hidden_size", electra ? 256 : 768);
        List<String> archs = new ArrayList<>();
        json.path("architectures").forEach(a -> archs.add(a.asText()));
        JsonNode classifierDropout = json.get(distil ? "seq_classif_dropout" : "classifier_dropout");
        int labels = json.has("num_labels")
                ? json.get("num_labels").asInt()
                : json.path("id2label").size() > 0 ? json.path("id2label").size() : 2;
        return new ModelConfig(
                type,
                archs,
                integer(json, "vocab_size", 30522),
                hidden,
                electra ? integer(json, "embedding_size", 128) : hidden,
                integer(json, distil ? "n_layers" : "num_hidden_layers", distil ? 6 : 12),
                integer(json, distil ? "n_heads" : "num_attention_heads", electra ? 4 : 12),
                integer(json, distil ? "hidden_dim" : "intermediate_size", electra ? 1024 : 3072),
                text(json, distil ? "activation" : "hidden_act", "gelu"),
                decimal(json, distil ? "dropout" : "hidden_dropout_prob", 0.1f),
                decimal(json, distil ? "attention_dropout" : "attention_probs_dropout_prob", 0.1f),
                classifierDropout == null || classifierDropout.isNull() ? Float.NaN : classifierDropout.floatValue(),
                integer(json, "max_position_embeddings", 512),
                distil ? 0 : integer(json, "type_vocab_size", 2),
                // DistilBERT's LayerNorms hard-code eps=1e-12 (modeling_distilbert); a layer_norm_eps key is ignored.
                distil ? 1e-12f : decimal(json, "layer_norm_eps", 1e-12f),
                integer(json, "pad_token_id", distil ? 0 : (type.contains("roberta") ? 1 : 0)),
                decimal(json, "initializer_range", 0.02f),
                labels,
                json);
    }

    private static String text(JsonNode json, String key, String fallback) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field \"" + key + "\" must be a string, got " + v);
        }
        return v.asText();
    }

    private static int integer(JsonNode json, String key, int fallback) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("field \"" + key + "\" must be an integer, got " + v);
        }
        return v.intValue();
    }

    private static float decimal(JsonNode json, String key, float fallback) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("field \"" + key + "\" must be a number, got " + v);
        }
        return v.floatValue();
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, got " + value);
        }
    }

    private static void probability(String field, float value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(field + " must be in [0, 1), got " + value);
        }
    }
}
