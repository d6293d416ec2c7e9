package dev.rerank4j.loss;

import dev.rerank4j.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * sentence-transformers' {@code PListMLELoss} (Lan et al., "Position-Aware ListMLE: A Sequential Learning Process for
 * Ranking", UAI 2014): the Plackett-Luce log-likelihood of the target ranking with each position's term weighted
 * ({@link PListMLELambdaWeight}), averaged over the queries. Without weights it is {@link ListMLELoss}.
 *
 * <p>A value class (not a record, so that "no weights" and {@code mini_batch_size=None} are no {@code Optional}
 * components): {@link #lambdaWeight()} is empty for ListMLE's unweighted terms, {@link #miniBatchSize()} empty for as
 * many pairs per pass as the batch has queries; equality is by the four fields.
 */
public final class PListMLELoss implements ListwiseLoss {
    static final String NAME = "PListMLELoss";

    private final PListMLELambdaWeight lambdaWeight; // null: no position weights (ListMLE)
    private final Activation activationFn;
    private final Integer miniBatchSize; // null: None, as many pairs per pass as the batch has queries
    private final TargetOrder targetOrder;

    /**
     * A loss without a mini-batch size ({@code mini_batch_size=None}; see {@link #withMiniBatchSize}).
     *
     * @param lambdaWeight the position weights ({@link #withoutLambdaWeight()} for none)
     * @param activationFn the training-time activation applied to the logits first (sentence-transformers: Identity)
     * @param targetOrder the target ranking: the documents' input order (the default; labels are then not read) or
     *     the labels
     */
    public PListMLELoss(PListMLELambdaWeight lambdaWeight, Activation activationFn, TargetOrder targetOrder) {
        this(activationFn, null, targetOrder, Objects.requireNonNull(lambdaWeight, "lambdaWeight"));
    }

    /**
     * @param lambdaWeight the position weights ({@link #withoutLambdaWeight()} for none)
     * @param activationFn the training-time activation applied to the logits first (sentence-transformers: Identity)
     * @param miniBatchSize pairs per forward pass, {@code <= 0} = all at once
     * @param targetOrder the target ranking: the documents' input order or the labels
     */
    public PListMLELoss(
            PListMLELambdaWeight lambdaWeight, Activation activationFn, int miniBatchSize, TargetOrder targetOrder) {
        this(activationFn, miniBatchSize, targetOrder, Objects.requireNonNull(lambdaWeight, "lambdaWeight"));
    }

    /** The nullable settings: a null mini-batch size is None, a null weight is none. */
    private PListMLELoss(
            Activation activationFn,
            Integer miniBatchSizeOrNull,
            TargetOrder targetOrder,
            PListMLELambdaWeight lambdaWeightOrNull) {
        this.lambdaWeight = lambdaWeightOrNull;
        this.activationFn = Objects.requireNonNull(activationFn, "activationFn");
        this.miniBatchSize = miniBatchSizeOrNull;
        this.targetOrder = Objects.requireNonNull(targetOrder, "targetOrder");
    }

    /** sentence-transformers' defaults: the default lambda weight, Identity, no mini-batch size, input order. */
    public PListMLELoss() {
        this(new PListMLELambdaWeight(), Activation.IDENTITY, TargetOrder.INPUT_ORDER);
    }

    /** The position weights; empty for none (ListMLE's terms). */
    public Optional<PListMLELambdaWeight> lambdaWeight() {
        return Optional.ofNullable(lambdaWeight);
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

    /** The same loss with other position weights. */
    public PListMLELoss withLambdaWeight(PListMLELambdaWeight weight) {
        return new PListMLELoss(activationFn, miniBatchSize, targetOrder, Objects.requireNonNull(weight, "weight"));
    }

    /** The same loss with {@code size} pairs per forward pass ({@code <= 0} = all at once). */
    public PListMLELoss withMiniBatchSize(int size) {
        return new PListMLELoss(activationFn, size, targetOrder, lambdaWeight);
    }

    /** The same loss without a mini-batch size (as many pairs per pass as the batch has queries). */
    public PListMLELoss withoutMiniBatchSize() {
        return new PListMLELoss(activationFn, null, targetOrder, lambdaWeight);
    }

    /** The same loss without position weights (sentence-transformers' {@code lambda_weight=None}). */
    public PListMLELoss withoutLambdaWeight() {
        return new PListMLELoss(activationFn, miniBatchSize, targetOrder, null);
    }

    /** The same loss with another target order. */
    public PListMLELoss withTargetOrder(TargetOrder order) {
        return new PListMLELoss(activationFn, miniBatchSize, order, lambdaWeight);
    }

    static PListMLELoss parse(LossParams p) {
        PListMLELambdaWeight weight = new PListMLELambdaWeight();
        if (p.has("lambda_weight")) {
            Object v = p.raw("lambda_weight");
            if (v == null) {
                weight = null;
            } else {
                String s = v.toString();
                if (!s.substring(s.lastIndexOf('.') + 1).equals("PListMLELambdaWeight")) {
                    throw new IllegalArgumentException(
                            NAME + ".lambda_weight must be PListMLELambdaWeight or null (none), got \"" + v + "\"");
                }
            }
        }
        return new PListMLELoss(
                p.activation(Activation.IDENTITY),
                p.integerOrNone("mini_batch_size", null),
                TargetOrder.of(p.flag("respect_input_order", true)),
                weight);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> configDict() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lambda_weight", lambdaWeight != null ? PListMLELambdaWeight.FULL_NAME : null);
        m.put("activation_fn", activationFn.torchName());
        m.put("mini_batch_size", miniBatchSize);
        m.put("respect_input_order", targetOrder.respectInputOrder());
        return m;
    }

    @Override
    public Objective objective(int numLabels) {
        PairInputs.requireOneLabel(NAME, numLabels);
        PListMLELambdaWeight.RankDiscount discount = lambdaWeight == null ? null : lambdaWeight.rankDiscount();
        return new ListwiseObjective(
                activationFn, miniBatchSize, (s, y) -> PlackettLuceMath.compute(s, y, targetOrder, discount));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PListMLELoss other
                && Objects.equals(lambdaWeight, other.lambdaWeight)
                && activationFn == other.activationFn
                && Objects.equals(miniBatchSize, other.miniBatchSize)
                && targetOrder == other.targetOrder;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lambdaWeight, activationFn, miniBatchSize, targetOrder);
    }

    @Override
    public String toString() {
        return "PListMLELoss[lambdaWeight=" + lambdaWeight + ", activationFn=" + activationFn + ", miniBatchSize="
                + miniBatchSize() + ", targetOrder=" + targetOrder + "]";
    }
}
