package dev.rerank4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.io.ModelWeights;
import dev.rerank4j.io.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

/**
 * An independent double-precision reference for Qwen3 / Qwen2 rerankers, written from transformers'
 * {@code modeling_qwen3.py} / {@code modeling_qwen2.py} and sentence-transformers' {@code LogitScore}: it shares
 * nothing with rerank4j's network but the safetensors reader. One unpadded sequence at a time (a causal model's real
 * tokens never see padding, whichever side it is on), positions {@code 0..n-1}.
 *
 * <ul>
 *   <li>layer: {@code h += o_proj(attn(rms(h)))}, {@code h += down(silu(gate(x)) * up(x))} on {@code rms(h)}; RMSNorm
 *       {@code w * x / sqrt(mean(x^2) + eps)};
 *   <li>attention: q/k/v projections (Qwen2: with biases), Qwen3's per-head {@code q_norm}/{@code k_norm}, rotary
 *       embeddings (rotate-half, {@code theta^(-2i/d)}), causal softmax over {@code q k / sqrt(d)}, query head {@code h}
 *       reading key/value head {@code h / (heads / kv_heads)};
 *   <li>heads on the last token after {@code model.norm}: {@code ForCausalLM} scores
 *       {@code h · E[true] - h · E[false]} (E the tied embeddings or {@code lm_head.weight}), with the token ids of
 *       {@code 1_LogitScore/config.json} or the tokenizer's "yes"/"no"; {@code ForSequenceClassification}:
 *       {@code score.weight · h}.
 * </ul>
 */
public final class HfDecoderReference {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode config;
    private final Map<String, Tensor> weights;
    private final boolean qwen2;
    private final int hidden;
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final double eps;
    private final double theta;
    private final String act;
    private final int[] logitScore;

    private HfDecoderReference(JsonNode config, Map<String, Tensor> weights, int[] logitScore) {
        this.config = config;
        this.weights = weights;
        this.qwen2 = config.path("model_type").asText().equals("qwen2");
        this.hidden = config.path("hidden_size").asInt(4096);
        this.heads = config.path("num_attention_heads").asInt(32);
        this.kvHeads = config.path("num_key_value_heads").asInt(heads);
        this.headDim = config.hasNonNull("head_dim") ? config.get("head_dim").asInt() : qwen2 ? hidden / heads : 128;
        this.eps = config.path("rms_norm_eps").asDouble(1e-6);
        JsonNode rope = config.path("rope_parameters").path("rope_theta");
        this.theta =
                rope.isNumber() ? rope.asDouble() : config.path("rope_theta").asDouble(10000);
        this.act = config.path("hidden_act").asText("silu");
        this.logitScore = logitScore;
    }

    /** Whether a model directory holds a decoder this reference computes. */
    public static boolean handles(Path dir) throws IOException {
        String type = JSON.readTree(dir.resolve("config.json").toFile())
                .path("model_type")
                .asText();
        return type.equals("qwen3") || type.equals("qwen2");
    }

    /** Reads {@code config.json}, the weights and (for a causal LM) the LogitScore token ids. */
    public static HfDecoderReference load(Path dir) throws IOException {
        JsonNode config = JSON.readTree(dir.resolve("config.json").toFile());
        int[] score = null;
        if (config.path("architectures").path(0).asText().endsWith("ForCausalLM")) {
            Path module = dir.resolve("1_LogitScore/config.json");
            if (Files.isRegularFile(module)) {
                JsonNode m = JSON.readTree(module.toFile());
                score = new int[] {
                    m.get("true_token_id").asInt(), m.get("false_token_id").asInt()
                };
            } else {
                JsonNode vocab = JSON.readTree(dir.resolve("tokenizer.json").toFile())
                        .path("model")
                        .path("vocab");
                score = new int[] {vocab.get("yes").asInt(), vocab.get("no").asInt()};
            }
        }
        return new HfDecoderReference(config, ModelWeights.load(dir), score);
    }

    /**
     * A copy whose weight {@code name} (its HF name) has {@code delta} added to element {@code index}, for finite
     * differences; the other weights are shared.
     */
    public HfDecoderReference perturbed(String name, int index, float delta) {
        Tensor t = weight(name);
        float[] values = t.values().clone();
        values[index] += delta;
        Map<String, Tensor> copy = new java.util.HashMap<>(weights);
        copy.put(t.name(), Tensor.of(t.name(), t.shape(), values));
        return new HfDecoderReference(config, copy, logitScore);
    }

    /** The scores (causal LM: one) or logits (classifier) of one unpadded sequence. */
    public double[] logits(long[] ids) {
        double[][] h = HfReferenceMath.embed(weight("model.embed_tokens.weight"), ids);
        int layers = config.path("num_hidden_layers").asInt(32);
        for (int l = 0; l < layers; l++) {
            h = layer(h, "model.layers." + l + ".");
        }
        double[] last = rms(new double[][] {h[h.length - 1]}, weight("model.norm.weight"))[0];
        if (logitScore != null) {
            boolean tied = config.path("tie_word_embeddings").asBoolean(false);
            Tensor lm = weight(tied ? "model.embed_tokens.weight" : "lm_head.weight");
            return new double[] {dot(last, lm, logitScore[0]) - dot(last, lm, logitScore[1])};
        }
        Tensor score = weight("score.weight");
        double[] out = new double[Math.toIntExact(score.dim(0))];
        for (int o = 0; o < out.length; o++) {
            out[o] = dot(last, score, o);
        }
        return out;
    }

    private double[][] layer(double[][] x, String p) {
        double[][] a = rms(x, weight(p + "input_layernorm.weight"));
        double[][] q = proj(a, p + "self_attn.q_proj", qwen2 || attentionBias());
        double[][] k = proj(a, p + "self_attn.k_proj", qwen2 || attentionBias());
        double[][] v = proj(a, p + "self_attn.v_proj", qwen2 || attentionBias());
        if (!qwen2) {
            q = perHead(q, heads, weight(p + "self_attn.q_norm.weight"));
            k = perHead(k, kvHeads, weight(p + "self_attn.k_norm.weight"));
        }
        rope(q, heads);
        rope(k, kvHeads);
        double[][] context = attend(q, k, v);
        x = HfReferenceMath.add(x, proj(context, p + "self_attn.o_proj", !qwen2 && attentionBias()));
        double[][] m = rms(x, weight(p + "post_attention_layernorm.weight"));
        double[][] gate = HfReferenceMath.apply(act, proj(m, p + "mlp.gate_proj", false));
        double[][] up = proj(m, p + "mlp.up_proj", false);
        for (int i = 0; i < gate.length; i++) {
            for (int j = 0; j < gate[i].length; j++) {
                gate[i][j] *= up[i][j];
            }
        }
        return HfReferenceMath.add(x, proj(gate, p + "mlp.down_proj", false));
    }

    private boolean attentionBias() {
        return config.path("attention_bias").asBoolean(false);
    }

    private double[][] attend(double[][] q, double[][] k, double[][] v) {
        int n = q.length;
        int group = heads / kvHeads;
        double[][] out = new double[n][heads * headDim];
        for (int h = 0; h < heads; h++) {
            int kv = h / group;
            for (int i = 0; i < n; i++) {
                double[] s = new double[i + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j <= i; j++) {
                    double d = 0;
                    for (int c = 0; c < headDim; c++) {
                        d += q[i][h * headDim + c] * k[j][kv * headDim + c];
                    }
                    s[j] = d / Math.sqrt(headDim);
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                for (int j = 0; j <= i; j++) {
                    s[j] = Math.exp(s[j] - max);
                    sum += s[j];
                }
                for (int j = 0; j <= i; j++) {
                    for (int c = 0; c < headDim; c++) {
                        out[i][h * headDim + c] += s[j] / sum * v[j][kv * headDim + c];
                    }
                }
            }
        }
        return out;
    }

    /** Rotates each head of each position in place: {@code x cos + rotate_half(x) sin}. */
    private void rope(double[][] x, int n) {
        int half = headDim / 2;
        for (int pos = 0; pos < x.length; pos++) {
            for (int h = 0; h < n; h++) {
                int o = h * headDim;
                double[] rotated = new double[headDim];
                for (int i = 0; i < half; i++) {
                    double angle = pos / Math.pow(theta, 2.0 * i / headDim);
                    double c = Math.cos(angle);
                    double s = Math.sin(angle);
                    double a = x[pos][o + i];
                    double b = x[pos][o + i + half];
                    rotated[i] = a * c - b * s;
                    rotated[i + half] = b * c + a * s;
                }
                System.arraycopy(rotated, 0, x[pos], o, headDim);
            }
        }
    }

    private double[][] perHead(double[][] x, int n, Tensor w) {
        double[][] out = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            out[r] = new double[x[r].length];
            for (int h = 0; h < n; h++) {
                double[] head = new double[headDim];
                System.arraycopy(x[r], h * headDim, head, 0, headDim);
                System.arraycopy(rms(new double[][] {head}, w)[0], 0, out[r], h * headDim, headDim);
            }
        }
        return out;
    }

    private double[][] rms(double[][] x, Tensor w) {
        float[] g = w.values();
        double[][] y = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            double ms = 0;
            for (double v : x[r]) {
                ms += v * v;
            }
            double scale = 1 / Math.sqrt(ms / x[r].length + eps);
            y[r] = new double[x[r].length];
            for (int j = 0; j < x[r].length; j++) {
                y[r][j] = g[j] * x[r][j] * scale;
            }
        }
        return y;
    }

    private double[][] proj(double[][] x, String name, boolean bias) {
        Tensor w = weight(name + ".weight");
        Tensor b = bias
                ? weight(name + ".bias")
                : Tensor.of(name + ".bias", new long[] {w.dim(0)}, new float[(int) w.dim(0)]);
        return HfReferenceMath.linear(x, w, b);
    }

    private static double dot(double[] h, Tensor table, int row) {
        int width = Math.toIntExact(table.dim(1));
        float[] w = table.values();
        double s = 0;
        for (int i = 0; i < width; i++) {
            s += h[i] * w[row * width + i];
        }
        return s;
    }

    /** A weight by its HF name, or without the {@code model.} prefix (a bare base checkpoint). */
    private Tensor weight(String name) {
        Tensor t = weights.get(name);
        if (t == null && name.startsWith("model.")) {
            t = weights.get(name.substring("model.".length()));
        }
        if (t == null) {
            throw new IllegalArgumentException(
                    "no weight " + name + "; the file has " + new TreeSet<>(weights.keySet()));
        }
        return t;
    }
}
