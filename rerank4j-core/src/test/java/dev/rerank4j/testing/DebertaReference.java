package dev.rerank4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.io.ModelWeights;
import dev.rerank4j.io.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * An independent double-precision reference for transformers' {@code DebertaV2ForSequenceClassification}, written
 * from {@code modeling_deberta_v2.py} (transformers 5.x): one sequence at a time, with loops instead of gathers, and
 * sharing nothing with rerank4j's network but the safetensors reader. Weights are held as doubles and can be
 * perturbed ({@link #withWeight}) for finite-difference gradients.
 *
 * <ul>
 *   <li>Embeddings: {@code word + position (position_biased_input) + token_type (type_vocab_size > 0)}, then
 *       {@code embed_proj} when {@code embedding_size != hidden_size}, LayerNorm, times the attention mask.
 *   <li>Relative positions {@code r(i, j) = i - j}, log-bucketed ({@code make_log_bucket_position}) when
 *       {@code position_buckets > 0}; span {@code S} = buckets, else {@code max_relative_positions} (else
 *       {@code max_position_embeddings}); {@code rel_embeddings} rows normalised by {@code encoder.LayerNorm} when
 *       {@code norm_rel_ebd} says {@code layer_norm}.
 *   <li>Score of query i, key j: {@code (q_i.k_j + q_i.Kr[clamp(r(i,j)+S)] + k_j.Qr[clamp(-r(j,i)+S)]) /
 *       sqrt(d * (1 + #terms))}, the c2p / p2c terms as {@code pos_att_type} lists them and only with
 *       {@code relative_attention}; {@code Kr}, {@code Qr} through {@code pos_key_proj} / {@code pos_query_proj}, or
 *       {@code key_proj} / {@code query_proj} with {@code share_att_key}. Padded keys get zero weight.
 *   <li>Head: {@code classifier(pooler_hidden_act(pooler.dense(h_0)))}.
 * </ul>
 */
public final class DebertaReference {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode c;
    private final Map<String, Tensor> tensors;
    private final Map<String, double[]> values;

    private DebertaReference(JsonNode config, Map<String, Tensor> tensors, Map<String, double[]> values) {
        this.c = config;
        this.tensors = tensors;
        this.values = values;
    }

    /** Reads {@code config.json} and the weights of a model directory. */
    public static DebertaReference load(Path dir) throws IOException {
        JsonNode config = JSON.readTree(dir.resolve("config.json").toFile());
        Map<String, Tensor> tensors = ModelWeights.load(dir);
        Map<String, double[]> values = new HashMap<>();
        tensors.forEach((name, t) -> {
            float[] f = t.values();
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            values.put(name, d);
        });
        return new DebertaReference(config, tensors, values);
    }

    /** A copy whose weight {@code name} has element {@code index} moved by {@code delta}. */
    public DebertaReference withWeight(String name, int index, double delta) {
        Map<String, double[]> copy = new HashMap<>(values);
        double[] w = weight(name).clone();
        w[index] += delta;
        copy.put(resolve(name), w);
        return new DebertaReference(c, tensors, copy);
    }

    /** The logits of one right-padded row. */
    public double[] logits(long[] ids, long[] typeIds, long[] mask) {
        int hidden = c.path("hidden_size").asInt(1536);
        double[][] x = embeddings(ids, typeIds, mask, hidden);
        for (int l = 0; l < c.path("num_hidden_layers").asInt(24); l++) {
            x = layer(x, mask, "encoder.layer." + l + ".");
        }
        double[][] first = {x[0]};
        double[][] pooled =
                HfReferenceMath.apply(c.path("pooler_hidden_act").asText("gelu"), linear(first, "pooler.dense", true));
        return linear(pooled, "classifier", true)[0];
    }

    /** {@code make_log_bucket_position} in double precision. */
    public static long logBucket(long rel, int bucketSize, int maxPosition) {
        long mid = bucketSize / 2;
        if (Math.abs(rel) <= mid) {
            return rel;
        }
        double logPos = Math.ceil(
                        Math.log(Math.abs(rel) / (double) mid) / Math.log((maxPosition - 1) / (double) mid) * (mid - 1))
                + mid;
        return (long) (Math.signum(rel) * logPos);
    }

    private double[][] embeddings(long[] ids, long[] typeIds, long[] mask, int hidden) {
        int len = ids.length;
        int width = c.path("embedding_size").asInt(hidden);
        double[][] x = rows("embeddings.word_embeddings.weight", ids, width);
        if (c.path("position_biased_input").asBoolean(true)) {
            long[] positions = new long[len];
            for (int i = 0; i < len; i++) {
                positions[i] = i;
            }
            x = HfReferenceMath.add(x, rows("embeddings.position_embeddings.weight", positions, width));
        }
        if (c.path("type_vocab_size").asInt(0) > 0) {
            x = HfReferenceMath.add(x, rows("embeddings.token_type_embeddings.weight", typeIds, width));
        }
        if (width != hidden) {
            x = linear(x, "embeddings.embed_proj", false);
        }
        x = layerNorm(x, "embeddings.LayerNorm");
        for (int i = 0; i < len; i++) {
            for (int j = 0; j < hidden; j++) {
                x[i][j] *= mask[i];
            }
        }
        return x;
    }

    private double[][] layer(double[][] x, long[] mask, String p) {
        double[][] ctx = attention(x, mask, p + "attention.self.");
        double[][] a = layerNorm(
                HfReferenceMath.add(linear(ctx, p + "attention.output.dense", true), x),
                p + "attention.output.LayerNorm");
        double[][] inner =
                HfReferenceMath.apply(c.path("hidden_act").asText("gelu"), linear(a, p + "intermediate.dense", true));
        return layerNorm(HfReferenceMath.add(linear(inner, p + "output.dense", true), a), p + "output.LayerNorm");
    }

    private double[][] attention(double[][] x, long[] mask, String p) {
        int len = x.length;
        int hidden = x[0].length;
        int heads = c.path("num_attention_heads").asInt(24);
        int d = hidden / heads;
        String types = posAttType();
        boolean relative = c.path("relative_attention").asBoolean(false);
        boolean c2p = relative && types.contains("c2p");
        boolean p2c = relative && types.contains("p2c");
        int factor = 1 + (types.contains("c2p") ? 1 : 0) + (types.contains("p2c") ? 1 : 0);
        double scale = Math.sqrt(d * (double) factor);
        double[][] q = linear(x, p + "query_proj", true);
        double[][] k = linear(x, p + "key_proj", true);
        double[][] v = linear(x, p + "value_proj", true);
        boolean share = c.path("share_att_key").asBoolean(false);
        double[][] rel = relative ? relEmbeddings() : null;
        double[][] posK = c2p ? linear(rel, p + (share ? "key_proj" : "pos_key_proj"), true) : null;
        double[][] posQ = p2c ? linear(rel, p + (share ? "query_proj" : "pos_query_proj"), true) : null;
        int span = relative ? span() : 0;
        double[][] ctx = new double[len][hidden];
        for (int h = 0; h < heads; h++) {
            int off = h * d;
            for (int i = 0; i < len; i++) {
                double[] s = new double[len];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < len; j++) {
                    if (mask[j] == 0) {
                        continue;
                    }
                    double score = dot(q[i], k[j], off, d);
                    if (c2p) {
                        score += dot(q[i], posK[clamp(relativePosition(i, j) + span, span)], off, d);
                    }
                    if (p2c) {
                        score += dot(k[j], posQ[clamp(-relativePosition(j, i) + span, span)], off, d);
                    }
                    s[j] = score / scale;
                    max = Math.max(max, s[j]);
                }
                double total = 0;
                for (int j = 0; j < len; j++) {
                    s[j] = mask[j] == 0 ? 0 : Math.exp(s[j] - max);
                    total += s[j];
                }
                for (int j = 0; j < len; j++) {
                    for (int t = 0; t < d; t++) {
                        ctx[i][off + t] += s[j] / total * v[j][off + t];
                    }
                }
            }
        }
        return ctx;
    }

    private String posAttType() {
        JsonNode n = c.path("pos_att_type");
        if (n.isArray()) {
            StringBuilder b = new StringBuilder();
            n.forEach(e -> b.append(e.asText().toLowerCase(Locale.ROOT)).append('|'));
            return b.toString();
        }
        return n.asText("").toLowerCase(Locale.ROOT);
    }

    private int maxRelativePositions() {
        int max = c.path("max_relative_positions").asInt(-1);
        return max < 1 ? c.path("max_position_embeddings").asInt(512) : max;
    }

    private int span() {
        int buckets = c.path("position_buckets").asInt(-1);
        return buckets > 0 ? buckets : maxRelativePositions();
    }

    private int relativePosition(int i, int j) {
        int buckets = c.path("position_buckets").asInt(-1);
        return (int) (buckets > 0 ? logBucket(i - j, buckets, maxRelativePositions()) : i - j);
    }

    private double[][] relEmbeddings() {
        String name = "encoder.rel_embeddings.weight";
        int width = c.path("hidden_size").asInt(1536);
        int rows = weight(name).length / width;
        long[] all = new long[rows];
        for (int i = 0; i < rows; i++) {
            all[i] = i;
        }
        double[][] rel = rows(name, all, width);
        return c.path("norm_rel_ebd").asText("none").contains("layer_norm") ? layerNorm(rel, "encoder.LayerNorm") : rel;
    }

    private static int clamp(int index, int span) {
        return Math.max(0, Math.min(2 * span - 1, index));
    }

    private static double dot(double[] a, double[] b, int off, int n) {
        double s = 0;
        for (int t = 0; t < n; t++) {
            s += a[off + t] * b[off + t];
        }
        return s;
    }

    private double[][] rows(String name, long[] ids, int width) {
        double[] w = weight(name);
        double[][] out = new double[ids.length][width];
        for (int i = 0; i < ids.length; i++) {
            System.arraycopy(w, Math.toIntExact(ids[i] * width), out[i], 0, width);
        }
        return out;
    }

    private double[][] linear(double[][] x, String name, boolean bias) {
        double[] w = weight(name + ".weight");
        double[] b = bias ? weight(name + ".bias") : null;
        int in = x[0].length;
        int out = w.length / in;
        double[][] y = new double[x.length][out];
        for (int r = 0; r < x.length; r++) {
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b[o];
                for (int i = 0; i < in; i++) {
                    s += x[r][i] * w[o * in + i];
                }
                y[r][o] = s;
            }
        }
        return y;
    }

    private double[][] layerNorm(double[][] x, String name) {
        double[] g = weight(name + ".weight");
        double[] b = weight(name + ".bias");
        double eps = c.path("layer_norm_eps").asDouble(1e-7);
        double[][] y = new double[x.length][];
        for (int r = 0; r < x.length; r++) {
            int n = x[r].length;
            double mean = 0;
            for (double v : x[r]) {
                mean += v;
            }
            mean /= n;
            double var = 0;
            for (double v : x[r]) {
                var += (v - mean) * (v - mean);
            }
            var /= n;
            double inv = 1 / Math.sqrt(var + eps);
            y[r] = new double[n];
            for (int j = 0; j < n; j++) {
                y[r][j] = (x[r][j] - mean) * inv * g[j] + b[j];
            }
        }
        return y;
    }

    private double[] weight(String name) {
        return values.get(resolve(name));
    }

    /** The stored name: under {@code deberta.} for base-model weights of a classification checkpoint, else bare. */
    private String resolve(String name) {
        if (values.containsKey("deberta." + name)) {
            return "deberta." + name;
        }
        if (values.containsKey(name)) {
            return name;
        }
        throw new IllegalArgumentException(
                "no weight " + name + " (or deberta." + name + "); the file has " + new TreeSet<>(tensors.keySet()));
    }
}
