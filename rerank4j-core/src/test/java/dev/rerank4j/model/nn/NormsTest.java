package dev.rerank4j.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Init;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.Parameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** LayerNorm, RMSNorm, Linear and Embedding against hand-computed values, and the weights they declare. */
class NormsTest {
    private final NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
    private final Parameters params = new Parameters(manager);

    @AfterEach
    void close() {
        params.close();
        manager.close();
    }

    @Test
    void rmsNormDividesByTheRootMeanSquareAndScales() {
        // Row [1, 2, 3, 4]: mean square 7.5; row [-2, 0, 2, 4]: 6. No centring, no bias.
        params.put("n.weight", new long[] {4}, new float[] {1f, 0.5f, 2f, 1f});
        RmsNorm norm = new RmsNorm("n", 4, 1e-6f);
        float[] out = norm.forward(params, manager.create(new float[] {1, 2, 3, 4, -2, 0, 2, 4}, new Shape(2, 4)))
                .toFloatArray();
        double r1 = Math.sqrt(7.5 + 1e-6);
        double r2 = Math.sqrt(6 + 1e-6);
        double[] expected = {1 / r1, 0.5 * 2 / r1, 2 * 3 / r1, 4 / r1, -2 / r2, 0, 2 * 2 / r2, 4 / r2};
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) out[i]).isCloseTo(expected[i], within(1e-6));
        }
        assertThat(norm.specs(Role.ENCODER))
                .containsExactly(new ParamSpec("n.weight", new long[] {4}, Role.ENCODER, Init.ONES));
    }

    @Test
    void rmsNormEpsilonDominatesANearZeroRow() {
        params.put("n.weight", new long[] {2}, new float[] {1f, 1f});
        float[] out = new RmsNorm("n", 2, 0.01f)
                .forward(params, manager.create(new float[] {0.001f, -0.001f}, new Shape(1, 2)))
                .toFloatArray();
        double rms = Math.sqrt(1e-6 + 0.01);
        assertThat((double) out[0]).isCloseTo(0.001 / rms, within(1e-7));
        assertThat((double) out[1]).isCloseTo(-0.001 / rms, within(1e-7));
    }

    @Test
    void layerNormCentresScalesAndShifts() {
        // [1, 2, 3, 6]: mean 3, variance (4 + 1 + 0 + 9) / 4 = 3.5.
        params.put("ln.weight", new long[] {4}, new float[] {2f, 1f, 1f, 0.5f});
        params.put("ln.bias", new long[] {4}, new float[] {0f, 1f, 0f, -1f});
        float[] out = new LayerNorm("ln", 4, 1e-5f)
                .forward(params, manager.create(new float[] {1, 2, 3, 6}, new Shape(1, 4)))
                .toFloatArray();
        double sd = Math.sqrt(3.5 + 1e-5);
        double[] expected = {2 * -2 / sd, -1 / sd + 1, 0, 0.5 * 3 / sd - 1};
        for (int i = 0; i < 4; i++) {
            assertThat((double) out[i]).isCloseTo(expected[i], within(1e-6));
        }
    }

    @Test
    void linearWithAndWithoutBias() {
        params.put("l.weight", new long[] {2, 3}, new float[] {1, 0, -1, 2, 1, 0});
        params.put("l.bias", new long[] {2}, new float[] {0.5f, -1f});
        var x = manager.create(new float[] {3, 4, 5}, new Shape(1, 3));
        assertThat(new Linear("l", 3, 2).forward(params, x).toFloatArray()).containsExactly(-1.5f, 9f);
        assertThat(new Linear("l", 3, 2, false).forward(params, x).toFloatArray())
                .containsExactly(-2f, 10f);
        assertThat(new Linear("l", 3, 2, false).specs(Role.HEAD))
                .extracting(ParamSpec::name)
                .containsExactly("l.weight");
        assertThat(new Linear("l", 3, 2).specs(Role.HEAD).get(0).shape()).containsExactly(2, 3);
        assertThatThrownBy(() -> new Linear("l", 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("l: features must be > 0, got in=0");
    }

    @Test
    void embeddingLooksUpRows() {
        params.put("e", new long[] {3, 2}, new float[] {0, 1, 10, 11, 20, 21});
        var ids = manager.create(new long[] {2, 0, 2}, new Shape(1, 3));
        assertThat(new Embedding("e", 3, 2).forward(params, ids).toFloatArray()).containsExactly(20, 21, 0, 1, 20, 21);
    }

    @Test
    void dropoutIsTheIdentityInInferenceAndRejectsBadProbabilities() {
        var x = manager.create(new float[] {1, 2, 3});
        assertThat(new Dropout(0.5f).forward(x, dev.rerank4j.model.Mode.INFERENCE))
                .isSameAs(x);
        assertThatThrownBy(() -> new Dropout(1f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be in [0, 1), got 1.0");
    }
}
