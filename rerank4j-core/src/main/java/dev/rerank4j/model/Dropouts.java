package dev.rerank4j.model;

/**
 * The dropout probabilities of a {@code config.json}.
 *
 * @param hidden {@code hidden_dropout_prob}: embeddings and the outputs of each sub-layer
 * @param attention {@code attention_probs_dropout_prob}: the attention probabilities
 * @param classifier {@code classifier_dropout}; NaN when null, meaning "use {@code hidden}"
 */
public record Dropouts(float hidden, float attention, float classifier) {
    public Dropouts {
        probability("hidden_dropout_prob", hidden);
        probability("attention_probs_dropout_prob", attention);
        if (!Float.isNaN(classifier)) {
            probability("classifier_dropout", classifier);
        }
    }

    /** The dropout of the classification head: {@code classifier_dropout}, else the hidden dropout. */
    public float head() {
        return Float.isNaN(classifier) ? hidden : classifier;
    }

    /** Returns a copy with other hidden and attention probabilities; the classifier's stays. */
    public Dropouts with(float hiddenProbability, float attentionProbability) {
        return new Dropouts(hiddenProbability, attentionProbability, classifier);
    }

    private static void probability(String field, float value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(field + " must be in [0, 1), got " + value);
        }
    }
}
