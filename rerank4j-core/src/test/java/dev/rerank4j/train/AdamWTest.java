package dev.rerank4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.rerank4j.model.TorchRuntime;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AdamW against torch.optim.AdamW's update written out in double precision; clipping; state round trip. */
class AdamWTest {
    @TempDir
    Path tmp;

    private static final float[] W0 = {0.5f, -1.0f, 2.0f};
    private static final float[] B0 = {0.1f, -0.2f};
    private static final float[][] GRAD_W = {{0.3f, -0.1f, 2.0f}, {-0.4f, 0.2f, 1.0f}, {0.05f, 0.5f, -3.0f}};
    private static final float[][] GRAD_B = {{1.0f, -2.0f}, {0.5f, 0.5f}, {-1.0f, 0.0f}};

    private static TrainingArguments args() {
        return TrainingArguments.of(
                Map.of("weight_decay", 0.1, "adam_beta1", 0.8, "adam_beta2", 0.9, "adam_epsilon", 1e-6));
    }

    /** Sets the gradients of w and b to the given values (loss = w . gw + b . gb). */
    private static void gradients(NDManager m, NDArray w, NDArray b, float[] gw, float[] gb) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(w.mul(m.create(gw)).sum().add(b.mul(m.create(gb)).sum()));
        }
    }

    @Test
    void threeStepsMatchTorchAdamW() throws Exception {
        double[] lrs = {1e-2, 5e-3, 2e-3};
        try (NDManager m = TorchRuntime.shared().engine().newBaseManager()) {
            NDArray w = m.create(W0);
            NDArray b = m.create(B0);
            w.setRequiresGradient(true);
            b.setRequiresGradient(true);
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("layer.weight", w);
            params.put("layer.bias", b);
            try (AdamW opt = new AdamW(params, m, args())) {
                for (int t = 0; t < 3; t++) {
                    gradients(m, w, b, GRAD_W[t], GRAD_B[t]);
                    opt.step(lrs[t]);
                }
                float[] expectW = reference(W0, GRAD_W, lrs, 0.1);
                float[] expectB = reference(B0, GRAD_B, lrs, 0.0);
                assertThat(w.toFloatArray()).containsExactly(expectW, within(2e-7f));
                assertThat(b.toFloatArray()).containsExactly(expectB, within(2e-7f));
                assertThat(w.getGradient().toFloatArray()).containsOnly(0f);

                Path state = tmp.resolve("optimizer.safetensors");
                opt.save(state);
                try (AdamW restored = new AdamW(params, m, args())) {
                    restored.load(state);
                    assertThat(restored.steps()).isEqualTo(3);
                }
            }
        }
    }

    /** torch.optim.AdamW (amsgrad off) in double precision. */
    private static float[] reference(float[] p0, float[][] grads, double[] lrs, double wd) {
        double b1 = 0.8;
        double b2 = 0.9;
        double eps = 1e-6;
        double[] p = new double[p0.length];
        double[] mo = new double[p0.length];
        double[] v = new double[p0.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = p0[i];
        }
        for (int t = 1; t <= grads.length; t++) {
            double lr = lrs[t - 1];
            for (int i = 0; i < p.length; i++) {
                double g = grads[t - 1][i];
                p[i] *= 1 - lr * wd;
                mo[i] = b1 * mo[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
                p[i] -= lr / (1 - Math.pow(b1, t)) * mo[i] / denom;
            }
        }
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) p[i];
        }
        return out;
    }

    @Test
    void clippingScalesAllGradientsByTheGlobalNorm() {
        try (NDManager m = TorchRuntime.shared().engine().newBaseManager()) {
            NDArray w = m.create(W0);
            NDArray b = m.create(B0);
            w.setRequiresGradient(true);
            b.setRequiresGradient(true);
            Map<String, NDArray> params = Map.of("w", w, "b.bias", b);
            try (AdamW opt = new AdamW(params, m, args())) {
                gradients(m, w, b, new float[] {3f, 0f, 0f}, new float[] {0f, 4f});
                double norm = opt.gradientNorm();
                assertThat(norm).isCloseTo(5.0, within(1e-6));
                opt.clip(norm, 1.0);
                assertThat(w.getGradient().toFloatArray()[0]).isCloseTo(0.6f, within(1e-6f));
                assertThat(b.getGradient().toFloatArray()[1]).isCloseTo(0.8f, within(1e-6f));
                opt.clip(opt.gradientNorm(), 10.0);
                assertThat(b.getGradient().toFloatArray()[1]).isCloseTo(0.8f, within(1e-6f));
            }
        }
    }

    @Test
    void weightDecaySkipsBiasesAndNormalisationWeights() {
        assertThat(AdamW.decays("bert.encoder.layer.0.attention.self.query.weight"))
                .isTrue();
        assertThat(AdamW.decays("bert.embeddings.word_embeddings.weight")).isTrue();
        assertThat(AdamW.decays("classifier.weight")).isTrue();
        assertThat(AdamW.decays("bert.encoder.layer.0.attention.self.query.bias"))
                .isFalse();
        assertThat(AdamW.decays("bert.embeddings.LayerNorm.weight")).isFalse();
        assertThat(AdamW.decays("distilbert.transformer.layer.0.sa_layer_norm.weight"))
                .isFalse();
        assertThat(AdamW.decays("model.norm.weight")).isFalse();
    }
}
