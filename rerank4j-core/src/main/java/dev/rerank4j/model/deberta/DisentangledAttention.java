package dev.rerank4j.model.deberta;

import dev.rerank4j.model.Mode;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.deberta.RelativeAttention.Term;
import dev.rerank4j.model.nn.Dropout;
import dev.rerank4j.model.nn.Linear;
import dev.rerank4j.model.nn.Ops;
import dev.rerank4j.model.nn.RelativeRows;
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
     * @param rows the (normalised) relative-embedding rows and their gather indices; null without relative
     *     attention
     * @return the context [batch, seq, hidden]
     */
    <T> T forward(Ops<T> ops, T x, T mask, RelativeRows<T> rows, Mode mode) {
        T q = ops.splitHeads(query.forward(ops, x), heads);
        T k = ops.splitHeads(key.forward(ops, x), heads);
        T v = ops.splitHeads(value.forward(ops, x), heads);
        long headDim = ops.size(q, 3);
        T scores = ops.matMul(q, ops.transpose(k, 0, 1, 3, 2));
        if (posKey != null || posQuery != null) {
            T rel = positionDropout.forward(ops, rows.table(), mode);
            if (posKey != null) {
                T posK = positionHeads(ops, posKey.forward(ops, rel));
                T c2p = ops.matMul(q, ops.transpose(posK, 0, 1, 3, 2));
                scores = ops.add(scores, ops.gatherLast(c2p, rows.c2p()));
            }
            if (posQuery != null) {
                T posQ = positionHeads(ops, posQuery.forward(ops, rel));
                T p2c = ops.matMul(k, ops.transpose(posQ, 0, 1, 3, 2));
                scores = ops.add(scores, ops.transpose(ops.gatherLast(p2c, rows.p2c()), 0, 1, 3, 2));
            }
        }
        float scale = (float) Math.sqrt((double) headDim * relative.scaleFactor());
        T probs = ops.softmax(ops.add(ops.divScalar(scores, scale), mask));
        T context = ops.matMul(probabilityDropout.forward(ops, probs, mode), v);
        return ops.mergeHeads(context);
    }

    /** Projected relative embeddings [rows, heads * d] as [1, heads, rows, d]. */
    private <T> T positionHeads(Ops<T> ops, T projected) {
        return ops.splitHeads(ops.unsqueeze(projected, 0), heads);
    }
}
