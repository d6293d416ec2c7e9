package dev.rerank4j.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rerank4j.model.Mode;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Scaled dot-product attention with a padding mask, multi-head and grouped-query, against a double-precision loop. */
class MultiHeadAttentionTest {
    private static final int B = 2;
    private static final int S = 4;
    private static final int D = 3;
    /** Row 0 is all real tokens; row 1 has its last token padded. */
    private static final long[] MASK = {1, 1, 1, 1, 1, 1, 1, 0};

    private final NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
    private final Random random = new Random(5);

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void multiHeadAttentionMatchesTheDefinition() {
        int heads = 2;
        float[] q = randoms(B * S * heads * D);
        float[] k = randoms(B * S * heads * D);
        float[] v = randoms(B * S * heads * D);
        float[] out = attend(new MultiHeadAttention(heads, Dropout.NONE), q, k, v, heads, heads);
        assertClose(out, reference(q, k, v, heads, heads));
    }

    @Test
    void groupedQueryAttentionSharesEachKeyValueHeadAcrossItsGroup() {
        int heads = 4;
        int kvHeads = 2;
        float[] q = randoms(B * S * heads * D);
        float[] k = randoms(B * S * kvHeads * D);
        float[] v = randoms(B * S * kvHeads * D);
        float[] grouped = attend(new MultiHeadAttention(heads, kvHeads, Dropout.NONE), q, k, v, heads, kvHeads);
        assertClose(grouped, reference(q, k, v, heads, kvHeads));
        // The same as multi-head attention over key/value heads repeated as transformers' repeat_kv: 0, 0, 1, 1.
        float[] mha = attend(
                new MultiHeadAttention(heads, Dropout.NONE),
                q,
                repeat(k, kvHeads, 2),
                repeat(v, kvHeads, 2),
                heads,
                heads);
        assertThat(grouped).containsExactly(mha);
    }

    @Test
    void paddedKeysGetNoWeight() {
        int heads = 1;
        float[] q = randoms(B * S * D);
        float[] k = randoms(B * S * D);
        float[] v = randoms(B * S * D);
        float[] changed = v.clone();
        for (int d = 0; d < D; d++) {
            changed[((1 * S) + 3) * D + d] = 1000f; // the padded token of row 1
        }
        MultiHeadAttention attention = new MultiHeadAttention(heads, Dropout.NONE);
        assertThat(attend(attention, q, k, changed, heads, heads))
                .containsExactly(attend(attention, q, k, v, heads, heads));
    }

    @Test
    void headCountsMustDivide() {
        assertThatThrownBy(() -> new MultiHeadAttention(6, 4, Dropout.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attention heads (6) must be a positive multiple of the key/value heads (4)");
    }

    private float[] attend(MultiHeadAttention attention, float[] q, float[] k, float[] v, int heads, int kvHeads) {
        NDArray mask = AttentionMask.padding(manager.create(MASK, new Shape(B, S)));
        return attention
                .forward(
                        manager.create(q, new Shape(B, S, heads * D)),
                        manager.create(k, new Shape(B, S, kvHeads * D)),
                        manager.create(v, new Shape(B, S, kvHeads * D)),
                        mask,
                        Mode.INFERENCE)
                .toFloatArray();
    }

    /** softmax(q k / sqrt(d)) v over unmasked keys, per head; query head h reads key/value head h / (heads / kvHeads). */
    private static double[] reference(float[] q, float[] k, float[] v, int heads, int kvHeads) {
        double[] out = new double[B * S * heads * D];
        int group = heads / kvHeads;
        for (int b = 0; b < B; b++) {
            for (int h = 0; h < heads; h++) {
                int g = h / group;
                for (int i = 0; i < S; i++) {
                    double[] w = new double[S];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < S; j++) {
                        if (MASK[b * S + j] == 0) {
                            w[j] = Double.NEGATIVE_INFINITY;
                            continue;
                        }
                        double dot = 0;
                        for (int d = 0; d < D; d++) {
                            dot += q[((b * S + i) * heads + h) * D + d]
                                    * (double) k[((b * S + j) * kvHeads + g) * D + d];
                        }
                        w[j] = dot / Math.sqrt(D);
                        max = Math.max(max, w[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < S; j++) {
                        w[j] = Math.exp(w[j] - max);
                        sum += w[j];
                    }
                    for (int d = 0; d < D; d++) {
                        double acc = 0;
                        for (int j = 0; j < S; j++) {
                            acc += w[j] / sum * v[((b * S + j) * kvHeads + g) * D + d];
                        }
                        out[((b * S + i) * heads + h) * D + d] = acc;
                    }
                }
            }
        }
        return out;
    }

    /** [B, S, n, D] with each of the n heads repeated {@code times} in place. */
    private static float[] repeat(float[] x, int n, int times) {
        float[] out = new float[x.length * times];
        for (int t = 0; t < B * S; t++) {
            for (int h = 0; h < n * times; h++) {
                System.arraycopy(x, (t * n + h / times) * D, out, (t * n * times + h) * D, D);
            }
        }
        return out;
    }

    private float[] randoms(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    private static void assertClose(float[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat((double) actual[i]).as("element " + i).isCloseTo(expected[i], within(1e-5));
        }
    }
}
