package dev.rerank4j.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rotary embeddings in transformers' layout against hand-computed rotations, and the relative-position property. */
class RotaryEmbeddingTest {
    private final NDManager manager = Engine.getEngine("PyTorch").newBaseManager();

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void inverseFrequenciesAreThetaToTheMinusTwoIOverD() {
        assertThat(new RotaryEmbedding(4, 10000f).inverseFrequencies()).containsExactly(1f, 0.01f);
        float[] inv = new RotaryEmbedding(8, 160000f).inverseFrequencies();
        for (int i = 0; i < 4; i++) {
            assertThat((double) inv[i]).isCloseTo(Math.pow(160000, -2.0 * i / 8), within(1e-9));
        }
    }

    @Test
    void rotatesElementIWithElementIPlusHalf() {
        // x = [1, 2, 3, 4] at position 1 and position 0; frequencies [1, 0.01]; rotate_half(x) = [-3, -4, 1, 2].
        RotaryEmbedding rope = new RotaryEmbedding(4, 10000f);
        NDArray x = manager.create(new float[] {1, 2, 3, 4, 1, 2, 3, 4}, new Shape(1, 1, 2, 4));
        NDList cosSin = rope.cosSin(manager.create(new long[] {1, 0}, new Shape(1, 2)));
        float[] out = rope.apply(x, cosSin.get(0), cosSin.get(1)).toFloatArray();
        double c1 = Math.cos(1);
        double s1 = Math.sin(1);
        double c2 = Math.cos(0.01);
        double s2 = Math.sin(0.01);
        double[] expected = {
            1 * c1 - 3 * s1, 2 * c2 - 4 * s2, 3 * c1 + 1 * s1, 4 * c2 + 2 * s2, 1, 2, 3, 4 // position 0: unchanged
        };
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) out[i]).as("element " + i).isCloseTo(expected[i], within(1e-6));
        }
    }

    @Test
    void scoresDependOnlyOnTheDistanceBetweenPositions() {
        RotaryEmbedding rope = new RotaryEmbedding(8, 10000f);
        float[] q = {0.3f, -1.2f, 0.8f, 0.1f, 2.0f, -0.4f, 0.9f, -1.5f};
        float[] k = {1.1f, 0.2f, -0.7f, 0.5f, -0.3f, 1.4f, 0.6f, -0.9f};
        double near = score(rope, q, k, 2, 7);
        assertThat(score(rope, q, k, 12, 17)).isCloseTo(near, within(1e-4));
        assertThat(score(rope, q, k, 40, 45)).isCloseTo(near, within(1e-4));
        assertThat(Math.abs(score(rope, q, k, 2, 9) - near)).isGreaterThan(1e-2); // another distance, another score
    }

    @Test
    void rejectsAnOddHeadWidth() {
        assertThatThrownBy(() -> new RotaryEmbedding(5, 10000f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("headDim must be positive and even, got 5");
    }

    /** q rotated to position m dotted with k rotated to position n. */
    private double score(RotaryEmbedding rope, float[] q, float[] k, long m, long n) {
        float[] both = new float[16];
        System.arraycopy(q, 0, both, 0, 8);
        System.arraycopy(k, 0, both, 8, 8);
        NDList cosSin = rope.cosSin(manager.create(new long[] {m, n}, new Shape(1, 2)));
        float[] r = rope.apply(manager.create(both, new Shape(1, 1, 2, 8)), cosSin.get(0), cosSin.get(1))
                .toFloatArray();
        double dot = 0;
        for (int i = 0; i < 8; i++) {
            dot += (double) r[i] * r[8 + i];
        }
        return dot;
    }
}
