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
 * <p>A value class rather than a record so that {@code mini_batch_size=None} is an {@code OptionalInt} only where it
 * is returned (every integer already means something). Equality is by the three settings.
 */
public final class ListMLELoss implements ListwiseLoss {
    static final String NAME = "ListMLELoss";

    private final Activation activationFn;
    private final Integer miniBatchSize; // null: None, as many pairs per pass as the batch has queries
    private final TargetOrder targetOrder;

    /** sentence-transformers' defaults: Identity, no mini-batch size, the input order as target. */
    public ListMLELoss() {
        this(Activation.IDENTITY, TargetOrder.INPUT_ORDER);
    }

    /**
     * @param activationFn the training-time activation applied to the logits first (sentence-transformers: Identity)
     * @param targetOrder the target ranking: the documents' input order (the default; labels are then not read) or
     *     the labels
     */
    public ListMLELoss(Activation activationFn, TargetOrder targetOrder) {
        this(activationFn, (Integer) null, targetOrder);
    }

    /**
     * @param activationFn the training-time activation applied to the logits first (sentence-transformers: Identity)
     * @param miniBatchSize pairs per forward pass, {@code <= 0} = all at once
     * @param targetOrder the target ranking: the documents' input order or the labels
     */
    public ListMLELoss(Activation activationFn, int miniBatchSize, TargetOrder targetOrder) {
        this(activationFn, Integer.valueOf(miniBatchSize), targetOrder);
    }

    private ListMLELoss(Activation activationFn, Integer miniBatchSizeOrNull, TargetOrder targetOrder) {
        this.activationFn = Objects.requireNonNull(activationFn, "activationFn");
        this.miniBatchSize = miniBatchSizeOrNull;
        this.targetOrder = Objects.requireNonNull(targetOrder, "targetOrder");
    }

    static ListMLELoss parse(LossParams p) {
        return new ListMLELoss(
                p.activation(Activation.IDENTITY),
                p.integerOrNone("mini_batch_size", null),
                TargetOrder.of(p.flag("respect_input_order", true)));
    }

    /** The training-time activation applied to the logits first. */
    public Activation activationFn() {
        return activationFn;
    }

    /** Pairs per forward pass: empty = as many as the batch has queries, {@code <= 0} = all at once. */
    public OptionalInt miniBatchSize() {
        return LossParams.optional(miniBatchSize);
    }

    /** The target ranking. */
    public TargetOrder targetOrder() {
        return targetOrder;
    }

    /** The same loss with {@code size} pairs per forward pass ({@code <= 0} = all at once). */
    public ListMLELoss withMiniBatchSize(int size) {
        return new ListMLELoss(activationFn, size, targetOrder);
    }

    /** The same loss without a mini-batch size (as many pairs per pass as the batch has queries). */
    public ListMLELoss withoutMiniBatchSize() {
        return new ListMLELoss(activationFn, targetOrder);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> configDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("activation_fn", activationFn.torchName());
        m.put("mini_batch_size", miniBatchSize);
        m.put("respect_input_order", targetOrder.respectInputOrder());
        return m;
    }

    @Override
    public Objective objective(int numLabels) {
        PairInputs.requireOneLabel(NAME, numLabels);
        return new ListwiseObjective(
                activationFn, miniBatchSize, (s, y) -> PlackettLuceMath.compute(s, y, targetOrder, null));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListMLELoss other
                && activationFn == other.activationFn
                && Objects.equals(miniBatchSize, other.miniBatchSize)
                && targetOrder == other.targetOrder;
    }

    @Override
    public int hashCode() {
        return Objects.hash(activationFn, miniBatchSize, targetOrder);
    }

    @Override
    public String toString() {
        return NAME + "[activationFn=" + activationFn + ", miniBatchSize=" + miniBatchSize() + ", targetOrder="
                + targetOrder + "]";
    }
}
