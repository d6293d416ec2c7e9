package dev.rerank4j.model.modernbert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import dev.rerank4j.model.Mode;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.Parameters;
import dev.rerank4j.model.nn.Dropout;
import dev.rerank4j.model.nn.GatedLinearUnit;
import dev.rerank4j.model.nn.HiddenActivation;
import dev.rerank4j.model.nn.Linear;
import dev.rerank4j.model.nn.MultiHeadAttention;
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
     * @param x hidden states [batch, seq, hidden]
     * @param padding the additive padding mask [batch, 1, 1, seq]
     * @param cosSin this layer's rotary cos and sin [batch, seq, head_dim]
     */
    NDArray forward(Parameters p, NDArray x, NDArray padding, NDList cosSin, Mode mode) {
        if (mode == Mode.TRAINING) {
            return mlpBlock(p, attentionBlock(p, x, padding, cosSin, mode), mode);
        }
        // Inference: the attention's intermediates are freed before the MLP runs, and the MLP runs a chunk of
        // positions at a time (it is per position), so a layer never holds more than a chunk's MLP-wide arrays.
        NDArray h = scoped(() -> attentionBlock(p, x, padding, cosSin, mode));
        long seq = h.getShape().get(1);
        if (seq <= MLP_CHUNK) {
            NDArray out = scoped(() -> mlpBlock(p, h, mode));
            h.close();
            return out;
        }
        List<NDArray> parts = new ArrayList<>();
        for (long from = 0; from < seq; from += MLP_CHUNK) {
            NDIndex positions = new NDIndex(":, {}:{}, :", from, Math.min(seq, from + MLP_CHUNK));
            parts.add(scoped(() -> mlpBlock(p, h.get(positions), mode)));
        }
        NDArray out = NDArrays.concat(new NDList(parts), 1);
        parts.forEach(NDArray::close);
        h.close();
        return out;
    }

    /** Runs {@code step} in its own scope: only its result survives (owned by its manager). */
    private static NDArray scoped(java.util.function.Supplier<NDArray> step) {
        try (NDScope scope = new NDScope()) {
            NDArray out = step.get();
            NDScope.unregister(out);
            return out;
        }
    }

    /** {@code x + Wo(attn(attn_norm(x)))}. */
    private NDArray attentionBlock(Parameters p, NDArray x, NDArray padding, NDList cosSin, Mode mode) {
        NDArray normed = attnNorm == null ? x : attnNorm.forward(p, x);
        NDList qkv = wqkv.forward(p, normed).split(3, 2);
        NDArray cos = cosSin.get(0);
        NDArray sin = cosSin.get(1);
        NDArray q = rope.apply(MultiHeadAttention.splitHeads(qkv.get(0), heads), cos, sin);
        NDArray k = rope.apply(MultiHeadAttention.splitHeads(qkv.get(1), heads), cos, sin);
        NDArray v = MultiHeadAttention.splitHeads(qkv.get(2), heads);
        NDArray context = MultiHeadAttention.mergeHeads(attention.forward(q, k, v, padding, mode));
        return x.add(attnOutDropout.forward(attnOut.forward(p, context), mode));
    }

    /** {@code h + Wo(act(input) * gate)} on {@code mlp_norm(h)}; per position. */
    private NDArray mlpBlock(Parameters p, NDArray h, Mode mode) {
        NDArray inner = glu.forwardFused(wi.forward(p, mlpNorm.forward(p, h)));
        return h.add(mlpOut.forward(p, mlpDropout.forward(inner, mode)));
    }
}
