package dev.rerank4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.rerank4j.io.DType;
import dev.rerank4j.io.Safetensors;
import dev.rerank4j.io.SafetensorsFile;
import dev.rerank4j.io.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code torch.optim.AdamW} (the transformers default), written out so that its state can be checkpointed and restored
 * exactly: {@code p *= 1 - lr wd; m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr / (1 - b1^t) * m /
 * (sqrt(v) / sqrt(1 - b2^t) + eps)}. Weight decay skips biases and normalisation weights, by transformers' name rule
 * ({@code get_decay_parameter_names}). Global-norm clipping is {@code torch.nn.utils.clip_grad_norm_}.
 *
 * <p>The moment arrays are allocated once, up front, under the model's manager; each step's temporaries live in their
 * own {@link NDScope}, so native memory stays flat.
 */
final class AdamW implements AutoCloseable {
    private static final Pattern NO_DECAY =
            Pattern.compile("bias|layernorm|rmsnorm|(?:^|\\.)norm(?:$|\\.)|_norm(?:$|\\.)");

    private final Map<String, NDArray> params;
    private final NDManager manager;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private long step;

    AdamW(Map<String, NDArray> params, NDManager parent, TrainingArguments args) {
        this.params = params;
        this.manager = parent.newSubManager();
        this.beta1 = args.adamBeta1();
        this.beta2 = args.adamBeta2();
        this.eps = args.adamEpsilon();
        this.weightDecay = args.weightDecay();
        params.forEach((name, p) -> {
            m.put(name, manager.zeros(p.getShape()));
            v.put(name, manager.zeros(p.getShape()));
        });
    }

    /** Whether a weight is decayed: not a bias nor a LayerNorm/RMSNorm weight. */
    static boolean decays(String name) {
        return !NO_DECAY.matcher(name.toLowerCase(Locale.ROOT)).find();
    }

    /** The global L2 norm of all gradients (before clipping). */
    double gradientNorm() {
        try (NDScope scope = new NDScope()) {
            double sum = 0;
            for (NDArray p : params.values()) {
                float n = p.getGradient().norm().getFloat();
                sum += (double) n * n;
            }
            return Math.sqrt(sum);
        }
    }

    /**
     * Clips to {@code maxNorm} as {@code clip_grad_norm_} does: gradients are scaled by {@code maxNorm / (norm +
     * 1e-6)} when that is below 1.
     */
    void clip(double norm, double maxNorm) {
        double coef = maxNorm / (norm + 1e-6);
        if (maxNorm <= 0 || coef >= 1) {
            return;
        }
        try (NDScope scope = new NDScope()) {
            for (NDArray p : params.values()) {
                p.getGradient().muli((float) coef);
            }
        }
    }

    /** One update with learning rate {@code lr}, then the gradients are zeroed. */
    void step(double lr) {
        step++;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        float stepSize = (float) (lr / bc1);
        try (NDScope scope = new NDScope()) {
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                NDArray p = e.getValue();
                NDArray g = p.getGradient();
                NDArray mi = m.get(e.getKey());
                NDArray vi = v.get(e.getKey());
                if (weightDecay > 0 && decays(e.getKey())) {
                    p.muli((float) (1 - lr * weightDecay));
                }
                mi.muli((float) beta1).addi(g.mul((float) (1 - beta1)));
                vi.muli((float) beta2).addi(g.square().muli((float) (1 - beta2)));
                NDArray denom = vi.sqrt().divi((float) bc2Sqrt).addi((float) eps);
                p.subi(mi.div(denom).muli(stepSize));
                g.subi(g);
            }
        }
    }

    /** Completed updates. */
    long steps() {
        return step;
    }

    /** Writes the moments and the step count ({@code optimizer.safetensors}). */
    void save(Path file) throws IOException {
        List<Tensor> tensors = new ArrayList<>();
        for (String name : params.keySet()) {
            long[] shape = m.get(name).getShape().getShape();
            tensors.add(Tensor.of("exp_avg." + name, shape, m.get(name).toFloatArray()));
            tensors.add(Tensor.of("exp_avg_sq." + name, shape, v.get(name).toFloatArray()));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "rerank4j-adamw");
        meta.put("step", Long.toString(step));
        Safetensors.write(file, tensors, meta, DType.F32);
    }

    /** Restores what {@link #save} wrote. */
    void load(Path file) throws IOException {
        SafetensorsFile f = Safetensors.read(file);
        Map<String, Tensor> byName = f.asMap();
        for (String name : params.keySet()) {
            restore(file, byName, "exp_avg." + name, m.get(name));
            restore(file, byName, "exp_avg_sq." + name, v.get(name));
        }
        try {
            step = Long.parseLong(f.metadata().getOrDefault("step", ""));
        } catch (NumberFormatException e) {
            throw new IOException(file + ": no valid \"step\" in the metadata", e);
        }
    }

    private void restore(Path file, Map<String, Tensor> saved, String key, NDArray into) throws IOException {
        Tensor t = saved.get(key);
        if (t == null || t.numel() != into.size()) {
            throw new IOException(file + ": optimizer state " + key + (t == null ? " is missing" : " has another shape")
                    + "; the checkpoint is not of this model");
        }
        try (NDManager tmp = manager.newSubManager()) {
            tmp.create(t.values(), into.getShape()).copyTo(into);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
