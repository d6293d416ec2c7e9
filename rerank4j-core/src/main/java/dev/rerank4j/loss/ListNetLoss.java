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
 * <p>A value class rather than a record so that {@code mini_batch_size=None} is an {@code OptionalInt} only where it
 * is returned: every integer already means something ({@code <= 0} = all pairs at once), so none can stand for None.
 * Equality is by the two settings.
 */
public final class ListNetLoss implements ListwiseLoss {
    static final String NAME = "ListNetLoss";

    private final Activation activationFn;
    private final Integer miniBatchSize; // null: None, as many pairs per pass as the batch has queries

    /** sentence-transformers' defaults: Identity, no mini-batch size. */
    public ListNetLoss() {
        this(Activation.IDENTITY);
    }

    /**
     * @param activationFn the training-time activation applied to the logits first (sentence-transformers: Identity)
     */
    public ListNetLoss(Activation activationFn) {
        this(activationFn, (Integer) null);
    }

    /**
     * @param activationFn the training-time activation applied to the logits first (sentence-transformers: Identity)
     * @param miniBatchSize pairs per forward pass, {@code <= 0} = all at once
     */
    public ListNetLoss(Activation activationFn, int miniBatchSize) {
        this(activationFn, Integer.valueOf(miniBatchSize));
    }

    private ListNetLoss(Activation activationFn, Integer miniBatchSizeOrNull) {
        this.activationFn = Objects.requireNonNull(activationFn, "activationFn");
        this.miniBatchSize = miniBatchSizeOrNull;
    }

    static ListNetLoss parse(LossParams p) {
        return new ListNetLoss(p.activation(Activation.IDENTITY), p.integerOrNone("mini_batch_size", null));
    }

    /** The training-time activation applied to the logits first. */
    public Activation activationFn() {
        return activationFn;
    }

    /** Pairs per forward pass: empty = as many as the batch has queries, {@code <= 0} = all at once. */
    public OptionalInt miniBatchSize() {
        return LossParams.optional(miniBatchSize);
    }

    /** The same loss with {@code size} pairs per forward pass ({@code <= 0} = all at once). */
    public ListNetLoss withMiniBatchSize(int size) {
        return new ListNetLoss(activationFn, size);
    }

    /** The same loss without a mini-batch size (as many pairs per pass as the batch has queries). */
    public ListNetLoss withoutMiniBatchSize() {
        return new ListNetLoss(activationFn);
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
        return m;
    }

    @Override
    public Objective objective(int numLabels) {
        PairInputs.requireOneLabel(NAME, numLabels);
        return new ListwiseObjective(activationFn, miniBatchSize, ListNetMath::compute);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListNetLoss other
                && activationFn == other.activationFn
                && Objects.equals(miniBatchSize, other.miniBatchSize);
    }

    @Override
    public int hashCode() {
        return Objects.hash(activationFn, miniBatchSize);
    }

    @Override
    public String toString() {
        return NAME + "[activationFn=" + activationFn + ", miniBatchSize=" + miniBatchSize() + "]";
    }
}
