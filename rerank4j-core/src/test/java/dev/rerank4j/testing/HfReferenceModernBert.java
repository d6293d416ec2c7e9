package dev.rerank4j.testing;

import static dev.rerank4j.testing.HfReferenceMath.add;
import static dev.rerank4j.testing.HfReferenceMath.apply;
import static dev.rerank4j.testing.HfReferenceMath.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.io.ModelWeights;
import dev.rerank4j.io.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An independent double-precision reference of transformers' {@code ModernBertForSequenceClassification} forward pass
 * (eager attention, {@code modeling_modernbert.py}), one sequence at a time, sharing nothing with rerank4j's network
 * but the safetensors reader. Config keys are read here, with {@code ModernBertConfig}'s defaults, in both forms
 * ({@code global_rope_theta}/{@code local_rope_theta}, or {@code rope_parameters}/{@code layer_types}).
 *
 * <ul>
 *   <li>Embeddings: {@code norm(tok_embeddings[ids])}; no positions, no token types.
 *   <li>Layer {@code l}: {@code h += Wo(attn(l == 0 ? h : attn_norm(h)))}; {@code h += mlp.Wo(act(in) * gate)} with
 *       {@code [in, gate] = mlp.Wi(mlp_norm(h))}. The attention splits {@code Wqkv} into q, k, v, rotates q and k
 *       (rotate-half, {@code inv_freq = theta^(-2i/d)}, theta by {@code layer_types[l]}), scores
 *       {@code q k / sqrt(d)}; a key is visible when it is not padding and, in a layer with
 *       {@code l % global_attn_every_n_layers != 0}, within {@code local_attention / 2} positions.
 *   <li>{@code final_norm}; pooling ({@code cls}: first token; {@code mean}: mean of real tokens); head
 *       {@code norm(act(dense(x)))}; {@code classifier}. Missing biases (per {@code *_bias}) are zero.
 * </ul>
 */
public final class HfReferenceModernBert {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode c;
    private final Map<String, Tensor> weights;
    private final int hidden;
    private final int heads;
    private final int layers;
    private final double eps;

    private HfReferenceModernBert(JsonNode config, Map<String, Tensor> weights) {
        this.c = config;
        this.weights = weights;
        this.hidden = c.path("hidden_size").asInt(768);
        this.heads = c.path("num_attention_heads").asInt(12);
        this.layers = c.path("num_hidden_layers").asInt(22);
        this.eps = c.path("norm_eps").asDouble(1e-5);
    }

    /** Reads {@code config.json} and the weights of a model directory. */
    public static HfReferenceModernBert load(Path dir) throws IOException {
        return new HfReferenceModernBert(
                JSON.readTree(dir.resolve("config.json").toFile()), ModelWeights.load(dir));
    }

    /** A copy whose weight {@code name} has {@code delta} added to element {@code index}, for finite differences. */
    public HfReferenceModernBert perturbed(String name, int index, float delta) {
        Tensor t = weight(name);
        float[] values = t.values().clone();
        values[index] += delta;
        Map<String, Tensor> copy = new HashMap<>(weights);
        copy.put(t.name(), Tensor.of(t.name(), t.shape(), values));
        return new HfReferenceModernBert(c, copy);
    }

    /** The logits of one row: token ids and the 0/1 attention mask (padding anywhere is masked). */
    public double[] logits(long[] ids, long[] mask) {
        double[][] h = norm("model.embeddings.norm", embed(weight("model.embeddings.tok_embeddings.weight"), ids));
        for (int l = 0; l < layers; l++) {
            String p = "model.layers." + l + ".";
            double[][] a = l == 0 ? h : norm(p + "attn_norm", h);
            h = add(h, linear(p + "attn.Wo", attention(linear(p + "attn.Wqkv", a), mask, l)));
            double[][] inner = linear(p + "mlp.Wi", norm(p + "mlp_norm", h));
            int width = inner[0].length / 2;
            double[][] gated = new double[inner.length][width];
            String act = c.path("hidden_activation").asText("gelu");
            for (int i = 0; i < inner.length; i++) {
                for (int j = 0; j < width; j++) {
                    gated[i][j] = HfReferenceMath.activation(act, inner[i][j]) * inner[i][width + j];
                }
            }
            h = add(h, linear(p + "mlp.Wo", gated));
        }
        h = norm("model.final_norm", h);
        double[] pooled = new double[hidden];
        if (c.path("classifier_pooling").asText("cls").equals("mean")) {
            int n = 0;
            for (int i = 0; i < h.length; i++) {
                if (mask[i] != 0) {
                    n++;
                    for (int j = 0; j < hidden; j++) {
                        pooled[j] += h[i][j];
                    }
                }
            }
            for (int j = 0; j < hidden; j++) {
                pooled[j] /= n;
            }
        } else {
            pooled = h[0];
        }
        double[][] x =
                apply(c.path("classifier_activation").asText("gelu"), linear("head.dense", new double[][] {pooled}));
        return linear("classifier", norm("head.norm", x))[0];
    }

    private double[][] attention(double[][] qkv, long[] mask, int layer) {
        int len = qkv.length;
        int d = hidden / heads;
        boolean local = layer % c.path("global_attn_every_n_layers").asInt(3) != 0;
        int half = c.path("local_attention").asInt(128) / 2;
        double theta = ropeTheta(layer);
        double[][] ctx = new double[len][hidden];
        for (int hd = 0; hd < heads; hd++) {
            double[][] q = new double[len][];
            double[][] k = new double[len][];
            for (int i = 0; i < len; i++) {
                q[i] = rotate(qkv[i], hd * d, d, i, theta);
                k[i] = rotate(qkv[i], hidden + hd * d, d, i, theta);
            }
            for (int i = 0; i < len; i++) {
                double[] s = new double[len];
                double max = Double.NEGATIVE_INFINITY;
                boolean any = false;
                for (int j = 0; j < len; j++) {
                    boolean visible = mask[j] != 0 && (!local || Math.abs(i - j) <= half);
                    if (!visible) {
                        s[j] = Double.NaN;
                        continue;
                    }
                    double dot = 0;
                    for (int t = 0; t < d; t++) {
                        dot += q[i][t] * k[j][t];
                    }
                    s[j] = dot / Math.sqrt(d);
                    max = Math.max(max, s[j]);
                    any = true;
                }
                if (!any) {
                    continue; // a padding query far from every real token: irrelevant to real outputs
                }
                double total = 0;
                for (int j = 0; j < len; j++) {
                    s[j] = Double.isNaN(s[j]) ? 0 : Math.exp(s[j] - max);
                    total += s[j];
                }
                for (int j = 0; j < len; j++) {
                    for (int t = 0; t < d; t++) {
                        ctx[i][hd * d + t] += s[j] / total * qkv[j][2 * hidden + hd * d + t];
                    }
                }
            }
        }
        return ctx;
    }

    /** {@code x cos + rotate_half(x) sin} of one head's slice at a position. */
    private static double[] rotate(double[] row, int offset, int d, int position, double theta) {
        double[] out = new double[d];
        int half = d / 2;
        for (int t = 0; t < d; t++) {
            int i = t % half;
            double angle = position * Math.pow(theta, -2.0 * i / d);
            double x = row[offset + t];
            double rotated = t < half ? -row[offset + t + half] : row[offset + t - half];
            out[t] = x * Math.cos(angle) + rotated * Math.sin(angle);
        }
        return out;
    }

    /** The rotary base of a layer: by {@code layer_types}, from {@code rope_parameters} or the original keys. */
    double ropeTheta(int layer) {
        int every = c.path("global_attn_every_n_layers").asInt(3);
        JsonNode types = c.path("layer_types");
        String type = types.isArray()
                ? types.get(layer).asText()
                : layer % every == 0 ? "full_attention" : "sliding_attention";
        JsonNode rope = c.path("rope_parameters").path(type).path("rope_theta");
        if (rope.isNumber()) {
            return rope.asDouble();
        }
        double global = c.path("global_rope_theta").asDouble(160000);
        if (type.equals("full_attention")) {
            return global;
        }
        JsonNode local = c.get("local_rope_theta");
        return local == null ? 10000 : local.isNull() ? global : local.asDouble();
    }

    private double[][] linear(String name, double[][] x) {
        Tensor w = weight(name + ".weight");
        Tensor b = find(name + ".bias");
        return HfReferenceMath.linear(x, w, b != null ? b : zeros(name + ".bias", w.dim(0)));
    }

    private double[][] norm(String name, double[][] x) {
        Tensor g = weight(name + ".weight");
        Tensor b = find(name + ".bias");
        b = b != null ? b : zeros(name + ".bias", g.dim(0));
        return HfReferenceMath.layerNorm(x, g, b, eps);
    }

    private static Tensor zeros(String name, long n) {
        return Tensor.of(name, new long[] {n}, new float[Math.toIntExact(n)]);
    }

    /** A weight by its full name, or (a bare {@code ModernBertModel} checkpoint) without {@code model.}. */
    private Tensor weight(String name) {
        Tensor t = find(name);
        if (t == null) {
            throw new IllegalArgumentException(
                    "no weight " + name + "; the file has " + new TreeSet<>(weights.keySet()));
        }
        return t;
    }

    private Tensor find(String name) {
        Tensor t = weights.get(name);
        return t == null && name.startsWith("model.") ? weights.get(name.substring("model.".length())) : t;
    }

    /** The names of the weights read. */
    public List<String> names() {
        return new ArrayList<>(new TreeSet<>(weights.keySet()));
    }
}
