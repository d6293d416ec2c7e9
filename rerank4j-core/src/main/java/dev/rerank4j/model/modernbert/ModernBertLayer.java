package dev.rerank4j.model.modernbert;

import dev.rerank4j.model.Mode;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.nn.Dropout;
import dev.rerank4j.model.nn.GatedLinearUnit;
import dev.rerank4j.model.nn.HiddenActivation;
import dev.rerank4j.model.nn.Linear;
import dev.rerank4j.model.nn.Ops;
import dev.rerank4j.model.nn.RotaryEmbedding;
import dev.rerank4j.model.nn.WindowedAttention;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code ModernBertEncoderLayer} ({@code model.layers.N.*}), pre-norm: {@code h + Wo(attn(attn_norm(h)))}, then
 * {@code h + mlp(mlp_norm(h))}; layer 0 has no {@code attn_norm} (the identity). The attention projects with the fused
 * {@code Wqkv} ([3 * hidden, hidden]: queries, keys, values), rotates queries and keys (RoPE, this layer's base) and
 * attends globally or within the sliding window; the feed-forward is GeGLU ({@code Wi} to 2 x intermediate, split
 * into input and gate, {@code Wo(act(input) * gate)}).
 */
final class ModernBertLayer {
    /** Queries per block in a sliding-window layer. */
    static final int WINDOW_BLOCK = 128;
    /** Queries per block in a global layer (bounds the scores to 256 x seq per head; fewer for long inputs). */
    static final int GLOBAL_BLOCK = 256;
    /** Positions per MLP chunk in inference. */
    static final long MLP_CHUNK = 1024;

    private final Norm attnNorm; // null in layer 0
    private final Linear wqkv;
    private final Linear attnOut;
    private final WindowedAttention attention;
    private final RotaryEmbedding rope;
    private final Dropout attnOutDropout;
    private final Norm mlpNorm;
    private final Linear wi;
    private final GatedLinearUnit glu;
    private final Dropout mlpDropout;
    private final Linear mlpOut;
    private final int heads;

    ModernBertLayer(ModernBertConfig c, int index) {
        String l = "model.layers." + index + ".";
        long h = c.hiddenSize();
        long inter = c.intermediateSize();
        ModernBertBiases b = c.biases();
        ModernBertLayout layout = c.layout();
        this.heads = c.numHeads();
        this.attnNorm = index == 0 ? null : new Norm(l + "attn_norm", h, c.layerNormEps(), b.norm());
        this.wqkv = new Linear(l + "attn.Wqkv", h, 3 * h, b.attention());
        this.attnOut = new Linear(l + "attn.Wo", h, h, b.attention());
        Dropout attentionDropout = new Dropout(c.attentionDropout());
        boolean global = layout.global(index);
        this.attention = new WindowedAttention(
                global ? WindowedAttention.GLOBAL : layout.halfWindow(),
                global ? GLOBAL_BLOCK : WINDOW_BLOCK,
                attentionDropout);
        this.rope = new RotaryEmbedding(c.headDim(), layout.ropeTheta(index));
        this.attnOutDropout = attentionDropout;
        this.mlpNorm = new Norm(l + "mlp_norm", h, c.layerNormEps(), b.norm());
        this.wi = new Linear(l + "mlp.Wi", h, 2 * inter, b.mlp());
        this.glu = new GatedLinearUnit(HiddenActivation.forName(c.hiddenAct()));
        this.mlpDropout = new Dropout(c.hiddenDropout());
        this.mlpOut = new Linear(l + "mlp.Wo", inter, h, b.mlp());
    }

    /** The rotary embedding this layer applies (its base decides which cos/sin tables it needs). */
    RotaryEmbedding rope() {
        return rope;
    }

    List<ParamSpec> specs() {
        List<ParamSpec> specs = new ArrayList<>();
        if (attnNorm != null) {
            specs.addAll(attnNorm.specs(Role.ENCODER));
        }
        specs.addAll(wqkv.specs(Role.ENCODER));
        specs.addAll(attnOut.specs(Role.ENCODER));
        specs.addAll(mlpNorm.specs(Role.ENCODER));
        specs.addAll(wi.specs(Role.ENCODER));
        specs.addAll(mlpOut.specs(Role.ENCODER));
        return specs;
    }

    /**
     * One layer; in eager inference the attention block is one {@link Ops#step} (its intermediates are freed before
     * the MLP runs) and the MLP runs {@link #MLP_CHUNK} positions at a time ({@link Ops#perPosition}), so a layer never
     * holds more than a chunk's MLP-wide arrays.
     *
     * @param x hidden states [batch, seq, hidden]
     * @param padding the additive padding mask [batch, 1, 1, seq]
     * @param cosSin this layer's rotary cos and sin [batch, seq, head_dim]
     */
    <T> T forward(Ops<T> ops, T x, T padding, List<T> cosSin, Mode mode) {
        T h = ops.step(mode, () -> attentionBlock(ops, x, padding, cosSin, mode));
        return ops.perPosition(mode, h, MLP_CHUNK, positions -> mlpBlock(ops, positions, mode));
    }

    /** {@code x + Wo(attn(attn_norm(x)))}. */
    private <T> T attentionBlock(Ops<T> ops, T x, T padding, List<T> cosSin, Mode mode) {
        T normed = attnNorm == null ? x : attnNorm.forward(ops, x);
        List<T> qkv = ops.splitLast(wqkv.forward(ops, normed), 3);
        T cos = cosSin.get(0);
        T sin = cosSin.get(1);
        T q = ops.rotate(rope, ops.splitHeads(qkv.get(0), heads), cos, sin);
        T k = ops.rotate(rope, ops.splitHeads(qkv.get(1), heads), cos, sin);
        T v = ops.splitHeads(qkv.get(2), heads);
        T context = ops.mergeHeads(ops.windowedAttention(attention, q, k, v, padding, mode));
        return ops.add(x, attnOutDropout.forward(ops, attnOut.forward(ops, context), mode));
    }

    /** {@code h + Wo(act(input) * gate)} on {@code mlp_norm(h)}; per position. */
    private <T> T mlpBlock(Ops<T> ops, T h, Mode mode) {
        T inner = glu.forwardFused(ops, wi.forward(ops, mlpNorm.forward(ops, h)));
        return ops.add(h, mlpOut.forward(ops, mlpDropout.forward(ops, inner, mode)));
    }
}
