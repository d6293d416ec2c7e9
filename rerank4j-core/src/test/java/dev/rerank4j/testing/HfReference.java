package dev.rerank4j.testing;

import static dev.rerank4j.testing.HfReferenceMath.add;
import static dev.rerank4j.testing.HfReferenceMath.apply;
import static dev.rerank4j.testing.HfReferenceMath.attention;
import static dev.rerank4j.testing.HfReferenceMath.embed;

import dev.rerank4j.io.ModelWeights;
import dev.rerank4j.io.Tensor;
import dev.rerank4j.tokenize.EncodedPair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An independent reference for the logits of a Hugging Face {@code *ForSequenceClassification} model (BERT, ELECTRA,
 * RoBERTa, XLM-RoBERTa, DistilBERT; DeBERTa-v2/v3 through {@link DebertaReference}) in plain double precision, written from transformers' modeling code, to check
 * rerank4j's DJL networks against. It shares nothing with them but the safetensors reader: weights by their HF
 * names, the configuration read here ({@link HfReferenceConfig}), token ids given.
 *
 * <p>What it reproduces, per transformers:
 *
 * <ul>
 *   <li>Embeddings: {@code LayerNorm(word + token_type + position)}; BERT/ELECTRA positions {@code 0..L-1} and the
 *       tokenizer's segment ids; RoBERTa/XLM-R positions {@code create_position_ids_from_input_ids} (non-pad tokens
 *       count from {@code pad_token_id + 1}, pad tokens get {@code pad_token_id}) and all-zero segment ids (their
 *       tokenizers return no {@code token_type_ids}); DistilBERT {@code LayerNorm(word + position)} with no
 *       segments. ELECTRA then applies {@code embeddings_project} when {@code embedding_size != hidden_size}.
 *   <li>Layers: BERT-style post-norm ({@code attention.output.LayerNorm(dense(ctx) + x)}, then
 *       {@code output.LayerNorm(dense(act(intermediate.dense(a))) + a)}); DistilBERT's {@code sa_layer_norm} and
 *       {@code output_layer_norm} around {@code q_lin/k_lin/v_lin/out_lin} and {@code ffn.lin1/lin2}, eps 1e-12.
 *   <li>Heads on the first token: BERT {@code classifier(tanh(pooler.dense(h0)))}; RoBERTa/XLM-R
 *       {@code out_proj(tanh(dense(h0)))}; ELECTRA {@code out_proj(gelu(dense(h0)))} (always exact GELU, whatever
 *       {@code hidden_act}); DistilBERT {@code classifier(relu(pre_classifier(h0)))}.
 * </ul>
 */
public final class HfReference {
    private final HfReferenceConfig config;
    private final Map<String, Tensor> weights;
    private final String prefix;
    private final HfDecoderReference decoder; // null unless a decoder (qwen3, qwen2)
    private final DebertaReference deberta; // null unless deberta-v2
    private final HfReferenceModernBert modernBert; // null unless modernbert

    private HfReference(
            HfReferenceConfig config,
            Map<String, Tensor> weights,
            HfDecoderReference decoder,
            DebertaReference deberta,
            HfReferenceModernBert modernBert) {
        this.config = config;
        this.weights = weights;
        this.decoder = decoder;
        this.deberta = deberta;
        this.modernBert = modernBert;
        this.prefix = switch (config.modelType()) {
            case "bert" -> "bert";
            case "electra" -> "electra";
            case "roberta", "xlm-roberta" -> "roberta";
            default -> "distilbert";
        };
    }

    /** Reads {@code config.json} and the safetensors weights of a model directory. */
    public static HfReference load(Path dir) throws IOException {
        HfReferenceConfig config = HfReferenceConfig.read(dir);
        HfDecoderReference decoder = HfDecoderReference.handles(dir) ? HfDecoderReference.load(dir) : null;
        DebertaReference deberta = config.modelType().equals("deberta-v2") ? DebertaReference.load(dir) : null;
        HfReferenceModernBert modernBert =
                config.modelType().equals("modernbert") ? HfReferenceModernBert.load(dir) : null;
        return new HfReference(config, ModelWeights.load(dir), decoder, deberta, modernBert);
    }

    /** The configuration read. */
    public HfReferenceConfig config() {
        return config;
    }

    /**
     * The logits of a batch as transformers computes them: the pairs right-padded with {@code padId} to the longest,
     * attention mask 1 on real tokens.
     *
     * @return one row of logits per pair
     */
    public double[][] logits(List<EncodedPair> pairs, long padId) {
        if (decoder != null) { // Qwen3 / Qwen2: each sequence alone, as its real tokens see it under any padding
            return pairs.stream().map(p -> decoder.logits(p.ids())).toArray(double[][]::new);
        }
        int len = pairs.stream().mapToInt(EncodedPair::length).max().orElse(0);
        double[][] out = new double[pairs.size()][];
        for (int r = 0; r < pairs.size(); r++) {
            long[] ids = new long[len];
            long[] types = new long[len];
            long[] mask = new long[len];
            Arrays.fill(ids, padId);
            long[] pi = pairs.get(r).ids();
            long[] pt = pairs.get(r).typeIds();
            for (int i = 0; i < pi.length; i++) {
                ids[i] = pi[i];
                types[i] = pt[i];
                mask[i] = 1;
            }
            out[r] = logits(ids, types, mask);
        }
        return out;
    }

    /** The logits of one padded row: token ids, the tokenizer's segment ids and the attention mask. */
    public double[] logits(long[] ids, long[] typeIds, long[] mask) {
        if (deberta != null) {
            return deberta.logits(ids, typeIds, mask);
        }
        if (modernBert != null) {
            return modernBert.logits(ids, mask);
        }
        double[][] h = config.modelType().equals("distilbert")
                ? distilBertEncoder(ids, mask)
                : bertEncoder(embeddings(ids, typeIds), mask);
        double[][] first = {h[0]};
        double[][] out = switch (config.modelType()) {
            case "bert" -> linear("classifier", apply("tanh", baseLinear("pooler.dense", first)));
            case "roberta", "xlm-roberta" ->
                linear("classifier.out_proj", apply("tanh", linear("classifier.dense", first)));
            case "electra" -> linear("classifier.out_proj", apply("gelu", linear("classifier.dense", first)));
            default -> linear("classifier", apply("relu", linear("pre_classifier", first)));
        };
        return out[0];
    }

    private double[][] embeddings(long[] ids, long[] typeIds) {
        int len = ids.length;
        long[] positions = new long[len];
        long[] types = new long[len];
        if (config.modelType().equals("roberta") || config.modelType().equals("xlm-roberta")) {
            long count = 0;
            for (int i = 0; i < len; i++) {
                boolean real = ids[i] != config.padTokenId();
                count += real ? 1 : 0;
                positions[i] = (real ? count : 0) + config.padTokenId();
            }
        } else {
            for (int i = 0; i < len; i++) {
                positions[i] = i;
                types[i] = typeIds[i];
            }
        }
        double[][] x = add(
                embed(base("embeddings.word_embeddings.weight"), ids),
                embed(base("embeddings.token_type_embeddings.weight"), types));
        x = add(x, embed(base("embeddings.position_embeddings.weight"), positions));
        x = baseLayerNorm("embeddings.LayerNorm", x);
        if (config.embeddingSize() != config.hiddenSize()) {
            x = baseLinear("embeddings_project", x);
        }
        return x;
    }

    private double[][] bertEncoder(double[][] x, long[] mask) {
        for (int l = 0; l < config.numLayers(); l++) {
            String p = "encoder.layer." + l + ".";
            double[][] ctx = attention(
                    baseLinear(p + "attention.self.query", x),
                    baseLinear(p + "attention.self.key", x),
                    baseLinear(p + "attention.self.value", x),
                    mask,
                    config.numHeads());
            double[][] a = baseLayerNorm(
                    p + "attention.output.LayerNorm", add(baseLinear(p + "attention.output.dense", ctx), x));
            double[][] inner = apply(config.hiddenAct(), baseLinear(p + "intermediate.dense", a));
            x = baseLayerNorm(p + "output.LayerNorm", add(baseLinear(p + "output.dense", inner), a));
        }
        return x;
    }

    private double[][] distilBertEncoder(long[] ids, long[] mask) {
        double[][] x = add(
                embed(base("embeddings.word_embeddings.weight"), ids),
                embed(base("embeddings.position_embeddings.weight"), range(ids.length)));
        x = baseLayerNorm("embeddings.LayerNorm", x);
        for (int l = 0; l < config.numLayers(); l++) {
            String p = "transformer.layer." + l + ".";
            double[][] ctx = attention(
                    baseLinear(p + "attention.q_lin", x),
                    baseLinear(p + "attention.k_lin", x),
                    baseLinear(p + "attention.v_lin", x),
                    mask,
                    config.numHeads());
            double[][] sa = baseLayerNorm(p + "sa_layer_norm", add(baseLinear(p + "attention.out_lin", ctx), x));
            double[][] ffn = baseLinear(p + "ffn.lin2", apply(config.hiddenAct(), baseLinear(p + "ffn.lin1", sa)));
            x = baseLayerNorm(p + "output_layer_norm", add(ffn, sa));
        }
        return x;
    }

    private static long[] range(int n) {
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private double[][] baseLinear(String name, double[][] x) {
        return HfReferenceMath.linear(x, base(name + ".weight"), base(name + ".bias"));
    }

    private double[][] baseLayerNorm(String name, double[][] x) {
        return HfReferenceMath.layerNorm(x, base(name + ".weight"), base(name + ".bias"), config.layerNormEps());
    }

    private double[][] linear(String name, double[][] x) {
        return HfReferenceMath.linear(x, head(name + ".weight"), head(name + ".bias"));
    }

    /** A base-model weight, under the base-model prefix or (a bare base checkpoint) without it. */
    private Tensor base(String name) {
        Tensor t = weights.get(prefix + "." + name);
        return t != null ? t : head(name);
    }

    private Tensor head(String name) {
        Tensor t = weights.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no weight " + name + " (or " + prefix + "." + name + "); the file has "
                    + new TreeSet<>(weights.keySet()));
        }
        return t;
    }
}
