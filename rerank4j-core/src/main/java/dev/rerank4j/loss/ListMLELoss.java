package dev.rerank4j.loss;

import dev.rerank4j.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * sentence-transformers' {@code ListMLELoss} (Xia et al., "Listwise Approach to Learning to Rank", ICML 2008): the
 * negative Plackett-Luce log-likelihood of the target ranking of each query's documents, averaged over the queries;
 * {@link PListMLELoss} without position weights.
 *
 * @param activationFn the training-time activation applied to the logits first (sentence-transformers: Identity)
 * @param miniBatchSize pairs per forward pass: empty = as many as the batch has queries, {@code <= 0} = all at once
 * @param targetOrder the target ranking: the documents' input order (the default; labels are then not read) or the
 *     labels
 */
public record ListMLELoss(Activation activationFn, OptionalInt miniBatchSize, TargetOrder targetOrder)
        implements ListwiseLoss {
    static final String NAME = "ListMLELoss";

    public ListMLELoss {
        Objects.requireNonNull(activationFn, "activationFn");
        Objects.requireNonNull(miniBatchSize, "miniBatchSize");
        Objects.requireNonNull(targetOrder, "targetOrder");
    }

    /** sentence-transformers' defaults: Identity, no mini-batch size, the input order as target. */
    public ListMLELoss() {
        this(Activation.IDENTITY, OptionalInt.empty(), TargetOrder.INPUT_ORDER);
    }

    static ListMLELoss parse(LossParams p) {
        return new ListMLELoss(
                p.activation(Activation.IDENTITY),
                p.optionalInt("mini_batch_size", OptionalInt.empty()),
                TargetOrder.of(p.flag("respect_input_order", true)));
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
        m.put("respect_input_order", targetOrder.respectInputOrder());
        return m;
    }

    @Override
    public Objective objective(int numLabels) {
        PairInputs.requireOneLabel(NAME, numLabels);
        return new ListwiseObjective(
                activationFn, miniBatchSize, (s, y) -> PlackettLuceMath.compute(s, y, targetOrder, null));
    }
}
