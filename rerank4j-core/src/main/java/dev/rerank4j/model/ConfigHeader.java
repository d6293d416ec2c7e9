package dev.rerank4j.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What every Hugging Face {@code config.json} says about itself, whatever the architecture.
 *
 * @param modelType {@code model_type}, e.g. {@code bert}
 * @param architectures {@code architectures}, e.g. {@code [BertForSequenceClassification]}; may be empty
 * @param numLabels {@code num_labels}, or the size of {@code id2label}
 * @param raw the complete JSON as read (a private copy), so that saving keeps the keys rerank4j does not interpret
 */
public record ConfigHeader(String modelType, List<String> architectures, int numLabels, ObjectNode raw) {
    public ConfigHeader {
        architectures = List.copyOf(architectures);
        raw = raw.deepCopy();
        if (numLabels <= 0) {
            throw new IllegalArgumentException("num_labels must be > 0, got " + numLabels);
        }
    }

    /** Returns a private copy of the original JSON. */
    @Override
    public ObjectNode raw() {
        return raw.deepCopy();
    }

    /** Returns a copy with another number of labels. */
    public ConfigHeader withNumLabels(int labels) {
        return new ConfigHeader(modelType, architectures, labels, raw);
    }
}
