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
 * @param lambdaWeight the position weights, or empty for none (ListMLE)
 * @param activationFn the training-time activation applied to the logits first (sentence-transformers: Identity)
 * @param miniBatchSize pairs per forward pass: empty = as many as the batch has queries, {@code <= 0} = all at once
 * @param targetOrder the target ranking: the documents' input order (the default; labels are then not read) or the
 *     labels
 */
public record PListMLELoss(
        Optional<PListMLELambdaWeight> lambdaWeight,
        Activation activationFn,
        OptionalInt miniBatchSize,
        TargetOrder targetOrder)
        implements ListwiseLoss {
    static final String NAME = "PListMLELoss";

    public PListMLELoss {
        Objects.requireNonNull(lambdaWeight, "lambdaWeight");
        Objects.requireNonNull(activationFn, "activationFn");
        Objects.requireNonNull(miniBatchSize, "miniBatchSize");
        Objects.requireNonNull(targetOrder, "targetOrder");
    }

    /** sentence-transformers' defaults: the default lambda weight, Identity, no mini-batch size, input order. */
    public PListMLELoss() {
        this(
                Optional.of(new PListMLELambdaWeight()),
                Activation.IDENTITY,
                OptionalInt.empty(),
                TargetOrder.INPUT_ORDER);
    }

    /** The defaults with another target order. */
    public PListMLELoss withTargetOrder(TargetOrder order) {
        return new PListMLELoss(lambdaWeight, activationFn, miniBatchSize, order);
    }

    static PListMLELoss parse(LossParams p) {
        Optional<PListMLELambdaWeight> weight = Optional.of(new PListMLELambdaWeight());
        if (p.has("lambda_weight")) {
            Object v = p.raw("lambda_weight");
            if (v == null) {
                weight = Optional.empty();
            } else {
                String s = v.toString();
                if (!s.substring(s.lastIndexOf('.') + 1).equals("PListMLELambdaWeight")) {
                    throw new IllegalArgumentException(
                            NAME + ".lambda_weight must be PListMLELambdaWeight or null (none), got \"" + v + "\"");
                }
            }
        }
        return new PListMLELoss(
                weight,
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
        m.put("lambda_weight", lambdaWeight.isPresent() ? PListMLELambdaWeight.FULL_NAME : null);
        m.put("activation_fn", activationFn.torchName());
        m.put("mini_batch_size", LossParams.orNone(miniBatchSize));
        m.put("respect_input_order", targetOrder.respectInputOrder());
        return m;
    }

    @Override
    public Objective objective(int numLabels) {
        PairInputs.requireOneLabel(NAME, numLabels);
        PListMLELambdaWeight.RankDiscount discount =
                lambdaWeight.map(PListMLELambdaWeight::rankDiscount).orElse(null);
        return new ListwiseObjective(
                activationFn, miniBatchSize, (s, y) -> PlackettLuceMath.compute(s, y, targetOrder, discount));
    }
}
