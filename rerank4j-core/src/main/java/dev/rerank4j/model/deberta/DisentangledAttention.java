package dev.rerank4j.model.deberta;

import ai.djl.ndarray.NDArray;
import dev.rerank4j.model.Mode;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.Parameters;
import dev.rerank4j.model.deberta.RelativeAttention.Term;
import dev.rerank4j.model.nn.Dropout;
import dev.rerank4j.model.nn.Linear;
import dev.rerank4j.model.nn.MultiHeadAttention;
import dev.rerank4j.model.nn.Scalars;
import java.util.ArrayList;
import java.util.List;

/**
 * DeBERTa's disentangled self-attention ({@code attention.self.*}), as transformers' {@code
 * DisentangledSelfAttention} (He et al., "DeBERTa: Decoding-enhanced BERT with Disentangled Attention", 2021): per
 * head, the content-to-content scores {@code q k^T} plus, with relative attention, the content-to-position term
 * {@code q . Kr[c2p(i, j)]} and the position-to-content term {@code k_j . Qr[p2c(j, i)]}, where {@code Kr}, {@code Qr}
 * are the relative embeddings projected by {@code pos_key_proj} / {@code pos_query_proj} (or by {@code key_proj} /
 * {@code query_proj} when {@code share_att_key}); all divided by {@code sqrt(head_dim * scale_factor)}, the scale
 * factor counting the terms of {@code pos_att_type}. Padded keys are masked; dropout applies to the relative
 * embeddings ({@code hidden_dropout_prob}) and to the probabilities.
 */
final class DisentangledAttention {
    private final int heads;
    private final RelativeAttention relative;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear posKey; // null without c2p; key when share_att_key
    private final Linear posQuery; // null without p2c; query when share_att_key
    private final Dropout positionDropout;
    private final Dropout probabilityDropout;

    DisentangledAttention(DebertaV2Config config, String prefix) {
        long h = config.hiddenSize();
        this.heads = config.numHeads();
        this.relative = config.relative();
        this.query = new Linear(prefix + "query_proj", h, h);
        this.key = new Linear(prefix + "key_proj", h, h);
        this.value = new Linear(prefix + "value_proj", h, h);
        boolean share = relative.shareAttKey();
        this.posKey = relative.uses(Term.C2P) ? (share ? key : new Linear(prefix + "pos_key_proj", h, h)) : null;
        this.posQuery = relative.uses(Term.P2C) ? (share ? query : new Linear(prefix + "pos_query_proj", h, h)) : null;
        this.positionDropout = new Dropout(config.hiddenDropout());
        this.probabilityDropout = new Dropout(config.attentionDropout());
    }

    /** The projections' weights (the position projections only when they are not shared). */
    List<ParamSpec> specs() {
        List<ParamSpec> specs = new ArrayList<>();
        for (Linear l : List.of(query, key, value)) {
            specs.addAll(l.specs(Role.ENCODER));
        }
        if (!relative.shareAttKey()) {
            if (posKey != null) {
                specs.addAll(posKey.specs(Role.ENCODER));
            }
            if (posQuery != null) {
                specs.addAll(posQuery.specs(Role.ENCODER));
            }
        }
        return specs;
    }

    /**
     * Attends.
     *
     * @param x the hidden states [batch, seq, hidden]
     * @param mask the additive padding mask [batch, 1, 1, seq]
     * @param relEmbeddings the (normalised) relative embeddings, rows {@code positions.first()} on; null without
     *     relative attention
     * @param positions the gather indices; null without relative attention
     * @return the context [batch, seq, hidden]
     */
    NDArray forward(
            Parameters p, NDArray x, NDArray mask, NDArray relEmbeddings, RelativeIndices positions, Mode mode) {
        NDArray q = MultiHeadAttention.splitHeads(query.forward(p, x), heads);
        NDArray k = MultiHeadAttention.splitHeads(key.forward(p, x), heads);
        NDArray v = MultiHeadAttention.splitHeads(value.forward(p, x), heads);
        long headDim = q.getShape().get(3);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2));
        if (posKey != null || posQuery != null) {
            NDArray rel = positionDropout.forward(relEmbeddings, mode);
            if (posKey != null) {
                NDArray posK = positionHeads(posKey.forward(p, rel));
                NDArray c2p = q.matMul(posK.transpose(0, 1, 3, 2));
                scores = scores.add(c2p.gather(positions.c2p(), -1));
            }
            if (posQuery != null) {
                NDArray posQ = positionHeads(posQuery.forward(p, rel));
                NDArray p2c = k.matMul(posQ.transpose(0, 1, 3, 2));
                scores = scores.add(p2c.gather(positions.p2c(), -1).transpose(0, 1, 3, 2));
            }
        }
        float scale = (float) Math.sqrt((double) headDim * relative.scaleFactor());
        NDArray probs = scores.div(Scalars.of(scores, scale)).add(mask).softmax(-1);
        NDArray context = probabilityDropout.forward(probs, mode).matMul(v);
        return MultiHeadAttention.mergeHeads(context);
    }

    /** Projected relative embeddings [rows, heads * d] as [1, heads, rows, d]. */
    private NDArray positionHeads(NDArray projected) {
        return MultiHeadAttention.splitHeads(projected.expandDims(0), heads);
    }
}
