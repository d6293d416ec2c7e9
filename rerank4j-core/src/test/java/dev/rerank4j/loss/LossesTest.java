package dev.rerank4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.rerank4j.Activation;
import dev.rerank4j.TextPair;
import dev.rerank4j.model.TorchRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pointwise losses against hand-computed values and gradients, their checks, and their names. */
class LossesTest {
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = TorchRuntime.shared().engine().newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** A model whose logits are fixed; it records the pairs it was asked to score. */
    private final class FixedLogits implements PairModel {
        final NDArray logits;
        final List<TextPair> asked = new ArrayList<>();

        FixedLogits(float[] values, int labels) {
            logits = manager.create(values, new Shape(values.length / labels, labels));
            logits.setRequiresGradient(true);
        }

        @Override
        public NDArray logits(List<TextPair> pairs) {
            asked.addAll(pairs);
            return logits.mul(1f);
        }

        @Override
        public NDArray logitsWithoutGradient(List<TextPair> pairs) {
            return logits(pairs).stopGradient();
        }

        @Override
        public void backward(NDArray scalar) {
            throw new UnsupportedOperationException();
        }

        @Override
        public NDManager manager() {
            return manager;
        }

        @Override
        public int numLabels() {
            return (int) logits.getShape().get(1);
        }

        @Override
        public boolean training() {
            return true;
        }
    }

    private static Batch pairs(List<Object> labels) {
        List<Object> q = new ArrayList<>();
        List<Object> d = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            q.add("q" + i);
            d.add("d" + i);
        }
        return new Batch("t", List.of(q, d), labels);
    }

    /** The loss value and its gradient with respect to each logit. */
    private float[] lossAndGradient(LossConfig loss, float[] logits, int labels, Batch batch) {
        FixedLogits model = new FixedLogits(logits, labels);
        float value;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray l = loss.objective(labels).loss(batch, model);
            gc.backward(l);
            value = l.getFloat();
        }
        float[] grad = model.logits.getGradient().toFloatArray();
        float[] out = new float[grad.length + 1];
        out[0] = value;
        System.arraycopy(grad, 0, out, 1, grad.length);
        assertThat(model.asked).hasSize(batch.size());
        assertThat(model.asked.get(1)).isEqualTo(new TextPair("q1", "d1"));
        return out;
    }

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void binaryCrossEntropyWithPosWeightMatchesTheFormulaAndItsGradient() {
        float[] x = {2.0f, -1.0f, 0.5f, 30f};
        float[] y = {1f, 0f, 0.3f, 0f};
        double w = 4.0;
        double expected = 0;
        double[] grad = new double[4];
        for (int i = 0; i < 4; i++) {
            // log s(x) = -softplus(-x), log(1 - s(x)) = -softplus(x), computed stably
            expected += w * y[i] * softplus(-x[i]) + (1 - y[i]) * softplus(x[i]);
            grad[i] = ((1 - y[i]) - (1 + (w - 1) * y[i]) * sigmoid(-x[i])) / 4;
        }
        expected /= 4;
        float[] got =
                lossAndGradient(BinaryCrossEntropyLoss.withPosWeight(w), x, 1, pairs(List.of(1L, 0L, 0.3, false)));
        assertThat(got[0]).isCloseTo((float) expected, within(1e-5f));
        for (int i = 0; i < 4; i++) {
            assertThat(got[i + 1]).isCloseTo((float) grad[i], within(1e-6f));
        }
        // Without a weight it is torch's BCEWithLogitsLoss: softplus(x) - x y
        float plain = lossAndGradient(new BinaryCrossEntropyLoss(), x, 1, pairs(List.of(1L, 0L, 0.3, 0L)))[0];
        double ref = 0;
        for (int i = 0; i < 4; i++) {
            ref += softplus(x[i]) - x[i] * y[i];
        }
        assertThat(plain).isCloseTo((float) (ref / 4), within(1e-5f));
    }

    @Test
    void theTrainingActivationIsAppliedToTheLogitsFirst() {
        float[] x = {0.3f, -2f};
        float got =
                lossAndGradient(new BinaryCrossEntropyLoss(Activation.SIGMOID, 1.0), x, 1, pairs(List.of(1L, 0L)))[0];
        double s0 = sigmoid(x[0]);
        double s1 = sigmoid(x[1]);
        double ref = (-Math.log(sigmoid(s0)) - Math.log(1 - sigmoid(s1))) / 2;
        assertThat(got).isCloseTo((float) ref, within(1e-6f));
    }

    @Test
    void crossEntropyIsTheMeanNegativeLogSoftmaxOfTheTrueClass() {
        float[] x = {1f, 2f, 3f, 0.5f, -1f, 0f};
        float[] got = lossAndGradient(new CrossEntropyLoss(), x, 3, pairs(List.of(2L, 0L)));
        double l0 = -(3 - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)));
        double l1 = -(0.5 - Math.log(Math.exp(0.5) + Math.exp(-1) + Math.exp(0)));
        assertThat(got[0]).isCloseTo((float) ((l0 + l1) / 2), within(1e-5f));
        double softmax00 = Math.exp(1) / (Math.exp(1) + Math.exp(2) + Math.exp(3));
        assertThat(got[1]).isCloseTo((float) (softmax00 / 2), within(1e-6f));
        assertThatThrownBy(() -> lossAndGradient(new CrossEntropyLoss(), x, 3, pairs(List.of(3L, 0L))))
                .hasMessage("label 3 is not a class of a model with 3 labels (classes 0..2)");
    }

    @Test
    void meanSquaredErrorAgainstTargetScores() {
        float[] got = lossAndGradient(new MSELoss(), new float[] {1f, -2f}, 1, pairs(List.of(0.5, 1L)));
        assertThat(got[0]).isCloseTo((0.25f + 9f) / 2, within(1e-6f));
        assertThat(got[1]).isCloseTo(0.5f, within(1e-6f)); // 2 (x - y) / n
        assertThat(got[2]).isCloseTo(-3f, within(1e-6f));
    }

    @Test
    void rowChecksNameTheBadValue() {
        BinaryCrossEntropyLoss bce = new BinaryCrossEntropyLoss();
        assertThat(bce.checkRow(pairs(List.of("1")))).isEmpty();
        assertThat(bce.checkRow(pairs(List.of(2L))))
                .contains("the label must be 1/0 or a number in [0, 1], got 2 (a long)");
        assertThat(bce.checkRow(new Batch("t", List.of(List.of("q"), List.of(7L)), List.of(1L))))
                .contains("input 2 must be a text, got 7 (a long)");
        List<Object> nothing = new ArrayList<>();
        nothing.add(null);
        assertThat(bce.checkRow(new Batch("t", List.of(nothing, List.of("d")), List.of(1L))))
                .contains("input 1 must be a text, got null");
        assertThat(new CrossEntropyLoss().checkRow(pairs(List.of(1.5))))
                .contains("the label must be a class index 0, 1, ..., got 1.5 (a double)");
        assertThat(bce.checkLayout(3, true))
                .contains("BinaryCrossEntropyLoss expects 2 input columns (query, document), got 3");
        assertThat(new MSELoss().checkLayout(2, false)).isPresent();
        assertThatThrownBy(() -> bce.objective(3))
                .hasMessageContaining("expects a model with 1 output label, but the model has 3");
    }

    @Test
    void lossesByNameRoundTripThroughTheirConfig() {
        LossConfig bce = LossConfigs.parse(Map.of(
                "name",
                "BinaryCrossEntropyLoss",
                "pos_weight",
                5,
                "activation_fn",
                "torch.nn.modules.activation.Sigmoid"));
        assertThat(bce).isEqualTo(new BinaryCrossEntropyLoss(Activation.SIGMOID, 5.0));
        assertThat(LossConfigs.parse(LossConfigs.toMap(bce))).isEqualTo(bce);
        assertThat(new BinaryCrossEntropyLoss().configDict())
                .containsEntry("activation_fn", "torch.nn.modules.linear.Identity")
                .containsEntry("pos_weight", null);
        assertThat(LossConfigs.parse("MSELoss")).isEqualTo(new MSELoss());
        assertThat(LossConfigs.defaultFor(1)).isEqualTo(new BinaryCrossEntropyLoss());
        assertThat(LossConfigs.defaultFor(3)).isEqualTo(new CrossEntropyLoss());
        assertThatThrownBy(() -> LossConfigs.parse("LambdaLos"))
                .hasMessageStartingWith("unknown loss \"LambdaLos\" (did you mean LambdaLoss?); known losses:"
                        + " BinaryCrossEntropyLoss, CrossEntropyLoss, MSELoss, MarginMSELoss,")
                .hasMessageContaining("ListNetLoss");
        assertThatThrownBy(() -> LossConfigs.parse("Contrastive"))
                .hasMessageStartingWith("unknown loss \"Contrastive\"; known losses: BinaryCrossEntropyLoss");
        assertThatThrownBy(() -> LossConfigs.parse(Map.of("name", "MSELoss", "pos_weight", 2)))
                .hasMessage("unknown parameter \"pos_weight\" for loss MSELoss; its parameters: activation_fn");
        assertThatThrownBy(() -> BinaryCrossEntropyLoss.withPosWeight(0))
                .hasMessage("pos_weight must be a finite number > 0, got 0.0");
    }
}
