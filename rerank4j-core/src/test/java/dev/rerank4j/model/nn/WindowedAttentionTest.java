package dev.rerank4j.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.rerank4j.model.Mode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Block-by-block attention equals the masked full computation: for a window, for a window wider than the input (then
 * it is global attention), and for global attention cut into query blocks; in inference and for gradients.
 */
class WindowedAttentionTest {
    private static final int BATCH = 2;
    private static final int HEADS = 3;
    private static final int SEQ = 300;
    private static final int DIM = 8;
    /** Real tokens of the second row; the rest is padding. */
    private static final int SECOND_ROW_LENGTH = 230;

    @Test
    void blocksEqualTheMaskedFullComputationForAWindow() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] qkv = random(m, 1);
            NDArray padding = padding(m);
            WindowedAttention blocked = new WindowedAttention(20, 64, Dropout.NONE);
            double diff = maxDiffOnRealTokens(
                    blocked.forward(qkv[0], qkv[1], qkv[2], padding, Mode.INFERENCE),
                    blocked.forwardMasked(qkv[0], qkv[1], qkv[2], padding, Mode.INFERENCE));
            assertThat(diff).isLessThan(1e-5);
            // The window matters here: global attention gives something else.
            NDArray global = new WindowedAttention(WindowedAttention.GLOBAL, 64, Dropout.NONE)
                    .forwardMasked(qkv[0], qkv[1], qkv[2], padding, Mode.INFERENCE);
            assertThat(maxDiffOnRealTokens(blocked.forward(qkv[0], qkv[1], qkv[2], padding, Mode.INFERENCE), global))
                    .isGreaterThan(1e-2);
        }
    }

    @Test
    void aWindowWiderThanTheInputIsGlobalAttention() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] qkv = random(m, 2);
            NDArray padding = padding(m);
            NDArray global = new WindowedAttention(WindowedAttention.GLOBAL, 1000, Dropout.NONE)
                    .forwardMasked(qkv[0], qkv[1], qkv[2], padding, Mode.INFERENCE);
            for (int block : new int[] {64, 1000}) {
                NDArray wide = new WindowedAttention(SEQ, block, Dropout.NONE)
                        .forward(qkv[0], qkv[1], qkv[2], padding, Mode.INFERENCE);
                assertThat(maxDiffOnRealTokens(wide, global))
                        .as("block %d", block)
                        .isLessThan(1e-5);
            }
        }
    }

    @Test
    void globalAttentionInBlocksEqualsTheFullComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] qkv = random(m, 3);
            NDArray padding = padding(m);
            WindowedAttention global = new WindowedAttention(WindowedAttention.GLOBAL, 64, Dropout.NONE);
            assertThat(maxDiffOnRealTokens(
                            global.forward(qkv[0], qkv[1], qkv[2], padding, Mode.INFERENCE),
                            global.forwardMasked(qkv[0], qkv[1], qkv[2], padding, Mode.INFERENCE)))
                    .isLessThan(1e-5);
        }
    }

    @Test
    void gradientsOfBlocksEqualThoseOfTheFullComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            WindowedAttention attention = new WindowedAttention(20, 64, Dropout.NONE);
            float[][] blocked = gradients(m, attention, true);
            float[][] masked = gradients(m, attention, false);
            for (int i = 0; i < 3; i++) {
                double max = 0;
                double scale = 0;
                for (int j = 0; j < blocked[i].length; j++) {
                    max = Math.max(max, Math.abs(blocked[i][j] - masked[i][j]));
                    scale = Math.max(scale, Math.abs(masked[i][j]));
                }
                assertThat(scale).isGreaterThan(1e-3);
                assertThat(max).as("gradient %d", i).isLessThan(1e-5 * Math.max(1, scale));
            }
        }
    }

    @Test
    void globalBlocksShrinkForLongInputsSoTheirScoresStayBounded() {
        WindowedAttention global = new WindowedAttention(WindowedAttention.GLOBAL, 256, Dropout.NONE);
        assertThat(global.queriesPerBlock(512)).isEqualTo(256);
        assertThat(global.queriesPerBlock(2048)).isEqualTo(256);
        assertThat(global.queriesPerBlock(8192)).isEqualTo(64); // 64 x 8,192 = 256 x 2,048 scores per head
        assertThat(global.queriesPerBlock(1 << 20)).isEqualTo(16);
        WindowedAttention window = new WindowedAttention(64, 128, Dropout.NONE);
        assertThat(window.queriesPerBlock(8192)).isEqualTo(128);
    }

    @Test
    void refusesAnInvalidWindowOrBlock() {
        assertThatThrownBy(() -> new WindowedAttention(-2, 8, Dropout.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("halfWindow must be >= 0 or GLOBAL (-1), got -2");
        assertThatThrownBy(() -> new WindowedAttention(4, 0, Dropout.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("block must be > 0, got 0");
    }

    /** Gradients of q, k, v for a weighted sum of the real tokens' outputs. */
    private static float[][] gradients(NDManager m, WindowedAttention attention, boolean blocks) {
        NDArray[] qkv = random(m, 4);
        NDArray padding = padding(m);
        for (NDArray x : qkv) {
            x.setRequiresGradient(true);
        }
        NDArray weights = random(m, 5)[0].mul(realTokens(m)); // the same weights for both computations
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray out = blocks
                    ? attention.forward(qkv[0], qkv[1], qkv[2], padding, Mode.TRAINING)
                    : attention.forwardMasked(qkv[0], qkv[1], qkv[2], padding, Mode.TRAINING);
            gc.backward(out.mul(weights).sum());
        }
        float[][] g = new float[3][];
        for (int i = 0; i < 3; i++) {
            g[i] = qkv[i].getGradient().mul(realTokens(m)).toFloatArray();
        }
        return g;
    }

    private static NDArray[] random(NDManager m, long seed) {
        Random r = new Random(seed);
        NDArray[] out = new NDArray[3];
        int n = BATCH * HEADS * SEQ * DIM;
        for (int i = 0; i < 3; i++) {
            float[] v = new float[n];
            for (int j = 0; j < n; j++) {
                v[j] = (float) (r.nextGaussian() * 1.5);
            }
            out[i] = m.create(v, new Shape(BATCH, HEADS, SEQ, DIM));
        }
        return out;
    }

    /** The additive padding mask: row 0 full, row 1 padded after {@link #SECOND_ROW_LENGTH}. */
    private static NDArray padding(NDManager m) {
        return AttentionMask.padding(attentionMask(m));
    }

    private static NDArray attentionMask(NDManager m) {
        long[] mask = new long[BATCH * SEQ];
        for (int j = 0; j < SEQ; j++) {
            mask[j] = 1;
            mask[SEQ + j] = j < SECOND_ROW_LENGTH ? 1 : 0;
        }
        return m.create(mask, new Shape(BATCH, SEQ));
    }

    /** 1 on real tokens [batch, 1, seq, 1]. */
    private static NDArray realTokens(NDManager m) {
        return attentionMask(m)
                .toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                .reshape(BATCH, 1, SEQ, 1);
    }

    /** Max |a - b| over the real tokens' outputs (a padding query far from every real key has no defined output). */
    private static double maxDiffOnRealTokens(NDArray a, NDArray b) {
        double max = 0;
        for (int row = 0; row < BATCH; row++) {
            int len = row == 0 ? SEQ : SECOND_ROW_LENGTH;
            NDIndex real = new NDIndex("{}, :, :{}, :", row, len);
            max = Math.max(max, a.get(real).sub(b.get(real)).abs().max().getFloat());
        }
        return max;
    }
}
