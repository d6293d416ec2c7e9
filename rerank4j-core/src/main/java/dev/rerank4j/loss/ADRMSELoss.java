package dev.rerank4j.loss;

import dev.rerank4j.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * sentence-transformers' {@code ADRMSELoss} (Schlatt et al., "Rank-DistiLLM: Closing the Effectiveness Gap Between
 * Cross-Encoders and LLMs for Passage Re-ranking", ECIR 2025): the discounted squared error between each document's
 * differentiable approximate rank and its true rank from the labels, averaged over every document of the batch.
 *
 * @param alpha the sharpness of the approximate rank's sigmoids (1)
 * @param activationFn the training-time activation applied to the logits first (Identity)
 * @param miniBatchSize pairs per forward pass: empty = as many as the batch has queries, {@code <= 0} = all at once
 */
public record ADRMSELoss(double alpha, Activation activationFn, OptionalInt miniBatchSize) implements ListwiseLoss {
    static final String NAME = "ADRMSELoss";

    public ADRMSELoss {
        Objects.requireNonNull(activationFn, "activationFn");
        Objects.requireNonNull(miniBatchSize, "miniBatchSize");
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be a finite number > 0, got " + alpha);
        }
    }

    /** sentence-transformers' defaults: alpha 1, Identity, no mini-batch size. */
    public ADRMSELoss() {
        this(1.0, Activation.IDENTITY, OptionalInt.empty());
    }

    static ADRMSELoss parse(LossParams p) {
        return new ADRMSELoss(
                p.number("alpha", 1.0),
                p.activation(Activation.IDENTITY),
                p.optionalInt("mini_batch_size", OptionalInt.empty()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> configDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alpha", alpha);
        m.put("activation_fn", activationFn.torchName());
        m.put("mini_batch_size", LossParams.orNone(miniBatchSize));
        return m;
    }

    @Override
    public Objective objective(int numLabels) {
        PairInputs.requireOneLabel(NAME, numLabels);
        return new ListwiseObjective(activationFn, miniBatchSize, (s, y) -> AdrMseMath.compute(s, y, alpha));
    }
}
