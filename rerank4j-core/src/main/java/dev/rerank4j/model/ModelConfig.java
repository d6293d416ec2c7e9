package dev.rerank4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.ModelFormatException;
import dev.rerank4j.ParseErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The common view of a Hugging Face {@code config.json}: what the code shared by every architecture (loading,
 * scoring, training, saving) reads. Each architecture package has its own record behind it ({@code BertConfig},
 * {@code RobertaConfig}, {@code ElectraConfig}, {@code DistilBertConfig}) that maps that family's keys and defaults
 * in one place; {@link #fromJson} picks it by {@code model_type} through the {@link Architecture} registry.
 */
public interface ModelConfig {
    /** {@code model_type}, {@code architectures}, the number of labels and the raw JSON. */
    ConfigHeader header();

    /** The encoder's hyper-parameters. */
    EncoderSizes sizes();

    /** The dropout probabilities. */
    Dropouts dropout();

    /** {@code pad_token_id}. */
    int padTokenId();

    /** Returns a copy with another number of labels. */
    ModelConfig withNumLabels(int labels);

    /** Returns a copy with other dropout probabilities (hidden, attention), e.g. 0 to speed up CPU training. */
    ModelConfig withDropout(float hidden, float attention);

    /** {@code model_type}, e.g. {@code bert}. */
    default String modelType() {
        return header().modelType();
    }

    /** {@code architectures}, e.g. {@code [BertForSequenceClassification]}; may be empty. */
    default List<String> architectures() {
        return header().architectures();
    }

    /** The number of labels (outputs of the classification head). */
    default int numLabels() {
        return header().numLabels();
    }

    /** A private copy of the complete JSON as read, for saving. */
    default ObjectNode raw() {
        return header().raw();
    }

    /** The width of a hidden state. */
    default int hiddenSize() {
        return sizes().hiddenSize();
    }

    /** The width of the embedding tables (the hidden size unless the architecture factorises its embeddings). */
    default int embeddingSize() {
        return sizes().embeddingSize();
    }

    /** The number of transformer layers. */
    default int numLayers() {
        return sizes().numLayers();
    }

    /** The number of attention heads. */
    default int numHeads() {
        return sizes().numHeads();
    }

    /** The width of the feed-forward layer. */
    default int intermediateSize() {
        return sizes().intermediateSize();
    }

    /** The feed-forward activation, an {@code ACT2FN} name. */
    default String hiddenAct() {
        return sizes().hiddenAct();
    }

    /** The epsilon of every LayerNorm. */
    default float layerNormEps() {
        return sizes().layerNormEps();
    }

    /** {@code max_position_embeddings}, the rows of the position table. */
    default int maxPositionEmbeddings() {
        return sizes().maxPositionEmbeddings();
    }

    /** The std of freshly initialised weights. */
    default float initializerRange() {
        return sizes().initializerRange();
    }

    /** The hidden dropout probability. */
    default float hiddenDropout() {
        return dropout().hidden();
    }

    /** The attention-probability dropout. */
    default float attentionDropout() {
        return dropout().attention();
    }

    /** The dropout of the classification head: {@code classifier_dropout}, else the hidden dropout. */
    default float headDropout() {
        return dropout().head();
    }

    /** Whether the checkpoint holds a trained sequence-classification head (an architecture ending so). */
    default boolean classifierTrained() {
        return architectures().stream().anyMatch(a -> a.endsWith("ForSequenceClassification"));
    }

    /** The activation function sentence-transformers saved in this config, if any (new and legacy keys). */
    default Optional<String> savedActivation() {
        ObjectNode raw = raw();
        JsonNode st = raw.path("sentence_transformers").path("activation_fn");
        if (st.isTextual()) {
            return Optional.of(st.asText());
        }
        JsonNode legacy = raw.path("sbert_ce_default_activation_function");
        return legacy.isTextual() ? Optional.of(legacy.asText()) : Optional.empty();
    }

    /** Reads {@code config.json} of a model directory. */
    static ModelConfig read(Path modelDir) {
        Path file = modelDir.resolve("config.json");
        JsonNode node;
        try {
            node = ConfigJson.MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file + ": missing; a model directory needs the config.json written by"
                    + " Hugging Face transformers or sentence-transformers");
        } catch (IOException e) {
            throw new ModelFormatException(
                    ParseErrors.describe(file, "not valid JSON", e) + ParseErrors.FIX_MODEL_FILE, e);
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

    /**
     * Maps a parsed {@code config.json} with the record of its architecture; keys missing from the JSON take the
     * defaults of that architecture's transformers config class.
     *
     * @throws ModelFormatException listing the supported model types if {@code model_type} is not among them
     * @throws IllegalArgumentException naming the key when a value has the wrong type or range
     */
    static ModelConfig fromJson(ObjectNode json) {
        ConfigJson keys = new ConfigJson(json);
        ConfigHeader header = keys.header();
        return Architecture.of(header.modelType(), header.architectures())
                .descriptor()
                .readConfig(keys);
    }
}
