package dev.rerank4j.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rerank4j.ModelFormatException;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ACT2FN activations and the GLU variants against their formulas evaluated in double precision. */
class ActivationsTest {
    private static final float[] X = {-3f, -1f, -0.25f, 0f, 0.5f, 1f, 2.5f};

    private final NDManager manager = Engine.getEngine("PyTorch").newBaseManager();

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void eachActivationFollowsItsFormula() {
        assertFormula(HiddenActivation.GELU, x -> 0.5 * x * (1 + erf(x / Math.sqrt(2))));
        assertFormula(
                HiddenActivation.GELU_TANH,
                x -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))));
        assertFormula(HiddenActivation.RELU, x -> Math.max(x, 0));
        assertFormula(HiddenActivation.SILU, x -> x / (1 + Math.exp(-x)));
        assertFormula(HiddenActivation.TANH, Math::tanh);
    }

    @Test
    void knownValues() {
        // GELU(1) = Phi(1) = 0.8413447460685429; tanh-GELU(1) = 0.8411919906082768.
        assertThat(apply(HiddenActivation.GELU, 1f)[0]).isCloseTo(0.8413447f, within(1e-6f));
        assertThat(apply(HiddenActivation.GELU_TANH, 1f)[0]).isCloseTo(0.8411920f, within(1e-6f));
        assertThat(apply(HiddenActivation.SILU, 1f)[0]).isCloseTo(0.7310586f, within(1e-6f));
    }

    @Test
    void configNamesMapAsTransformersAct2Fn() {
        assertThat(HiddenActivation.forName("gelu")).isEqualTo(HiddenActivation.GELU);
        for (String name : new String[] {"gelu_new", "gelu_pytorch_tanh", "gelu_fast"}) {
            assertThat(HiddenActivation.forName(name)).isEqualTo(HiddenActivation.GELU_TANH);
        }
        assertThat(HiddenActivation.forName("swish")).isEqualTo(HiddenActivation.SILU);
        assertThat(HiddenActivation.forName("silu")).isEqualTo(HiddenActivation.SILU);
        assertThatThrownBy(() -> HiddenActivation.forName("quick_gelu"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("unsupported activation \"quick_gelu\" (hidden_act)")
                .hasMessageContaining("gelu_pytorch_tanh");
    }

    @Test
    void geGluGatesTheSecondHalfWithGeluOfTheFirst() {
        // [input | gate] = [1, -0.5 | 2, 3]: gelu(1) * 2, gelu(-0.5) * 3
        NDArray projected = manager.create(new float[] {1f, -0.5f, 2f, 3f}, new ai.djl.ndarray.types.Shape(1, 4));
        float[] out = GatedLinearUnit.GEGLU.forwardFused(projected).toFloatArray();
        assertThat(out).hasSize(2);
        assertThat((double) out[0]).isCloseTo(gelu(1) * 2, within(1e-6));
        assertThat((double) out[1]).isCloseTo(gelu(-0.5) * 3, within(1e-6));
        assertThatThrownBy(() -> GatedLinearUnit.GEGLU.forwardFused(manager.create(new float[] {1f, 2f, 3f})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("even width, got 3");
    }

    @Test
    void swiGluMultipliesSiluOfTheGateByTheUpProjection() {
        NDArray gate = manager.create(new float[] {-2f, 0.5f, 3f});
        NDArray up = manager.create(new float[] {1.5f, -4f, 0.25f});
        float[] out = GatedLinearUnit.SWIGLU.forward(gate, up).toFloatArray();
        double[] g = {-2, 0.5, 3};
        double[] u = {1.5, -4, 0.25};
        for (int i = 0; i < 3; i++) {
            assertThat((double) out[i]).isCloseTo(g[i] / (1 + Math.exp(-g[i])) * u[i], within(1e-6));
        }
    }

    private void assertFormula(HiddenActivation activation, DoubleUnaryOperator expected) {
        float[] out = apply(activation, X);
        for (int i = 0; i < X.length; i++) {
            assertThat((double) out[i])
                    .as(activation + "(" + X[i] + ")")
                    .isCloseTo(expected.applyAsDouble(X[i]), within(2e-6));
        }
    }

    private float[] apply(HiddenActivation activation, float... x) {
        return activation.apply(manager.create(x)).toFloatArray();
    }

    private static double gelu(double x) {
        return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
    }

    /** erf by its Maclaurin series, exact to double precision for |x| < 3. */
    static double erf(double x) {
        double sum = 0;
        double term = x;
        for (int n = 0; n < 200; n++) {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }
}
