package dev.rerank4j.loss;

import dev.rerank4j.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * sentence-transformers' {@code ListNetLoss} (Cao et al., "Learning to Rank: From Pairwise Approach to Listwise
 * Approach", ICML 2007): for rows (query, [documents]) with one label per document, the cross entropy between {@code
 * softmax(labels)} and {@code softmax(scores)} per query, averaged over the queries. Labels act as target logits:
 * graded labels 0..3 give target weights {@code e^y}.
 *
 * @param activationFn the training-time activation applied to the logits first (sentence-transformers: Identity)
 * @param miniBatchSize pairs per forward pass: empty = as many as the batch has queries, {@code <= 0} = all at once
 */
public record ListNetLoss(Activation activationFn, OptionalInt miniBatchSize) implements ListwiseLoss {
    static final String NAME = "ListNetLoss";

    public ListNetLoss {
        Objects.requireNonNull(activationFn, "activationFn");
        Objects.requireNonNull(miniBatchSize, "miniBatchSize");
    }

    /** sentence-transformers' defaults: Identity, no mini-batch size. */
    public ListNetLoss() {
        this(Activation.IDENTITY, OptionalInt.empty());
    }

    static ListNetLoss parse(LossParams p) {
        return new ListNetLoss(
                p.activation(Activation.IDENTITY), p.optionalInt("mini_batch_size", OptionalInt.empty()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> configDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("activation_fn", activationFn.torchName());
        m.put("mini_batch_size", LossParams.orNone(miniBatchSize));
        return m;
    }

    @Override
    public Objective objective(int numLabels) {
        PairInputs.requireOneLabel(NAME, numLabels);
        return new ListwiseObjective(activationFn, miniBatchSize, ListNetMath::compute);
    }
}
