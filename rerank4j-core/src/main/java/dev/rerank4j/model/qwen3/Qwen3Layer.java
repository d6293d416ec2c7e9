package dev.rerank4j.model.qwen3;

import dev.rerank4j.model.Mode;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.nn.Dropout;
import dev.rerank4j.model.nn.HiddenActivation;
import dev.rerank4j.model.nn.Linear;
import dev.rerank4j.model.nn.MultiHeadAttention;
import dev.rerank4j.model.nn.Ops;
import dev.rerank4j.model.nn.RmsNorm;
import java.util.ArrayList;
import java.util.List;

/**
 * One pre-norm decoder layer, as transformers' {@code Qwen3DecoderLayer}: {@code h + o_proj(attn(input_layernorm(h)))},
 * then {@code h + down_proj(silu(gate_proj(x)) * up_proj(x))} on {@code post_attention_layernorm(h)}. Attention is
 * grouped-query with rotary positions; Qwen3 RMS-normalises each head's queries and keys before RoPE.
 */
final class Qwen3Layer {
    private final Qwen3Config config;
    private final RmsNorm inputNorm;
    private final RmsNorm postAttentionNorm;
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear o;
    private final RmsNorm qNorm;
    private final RmsNorm kNorm;
    private final MultiHeadAttention attention;
    private final Linear gate;
    private final Linear up;
    private final Linear down;
    private final HiddenActivation activation;

    Qwen3Layer(Qwen3Config config, int index) {
        this.config = config;
        String p = "model.layers." + index + ".";
        long h = config.hiddenSize();
        long qWidth = (long) config.numHeads() * config.headDim();
        long kvWidth = (long) config.kvHeads() * config.headDim();
        float eps = config.rmsNormEps();
        this.inputNorm = new RmsNorm(p + "input_layernorm", h, eps);
        this.postAttentionNorm = new RmsNorm(p + "post_attention_layernorm", h, eps);
        this.q = new Linear(p + "self_attn.q_proj", h, qWidth, config.qkvBias());
        this.k = new Linear(p + "self_attn.k_proj", h, kvWidth, config.qkvBias());
        this.v = new Linear(p + "self_attn.v_proj", h, kvWidth, config.qkvBias());
        this.o = new Linear(p + "self_attn.o_proj", qWidth, h, config.outputBias());
        this.qNorm = new RmsNorm(p + "self_attn.q_norm", config.headDim(), eps);
        this.kNorm = new RmsNorm(p + "self_attn.k_norm", config.headDim(), eps);
        this.attention =
                new MultiHeadAttention(config.numHeads(), config.kvHeads(), new Dropout(config.attentionDropout()));
        this.gate = new Linear(p + "mlp.gate_proj", h, config.intermediateSize(), false);
        this.up = new Linear(p + "mlp.up_proj", h, config.intermediateSize(), false);
        this.down = new Linear(p + "mlp.down_proj", config.intermediateSize(), h, false);
        this.activation = HiddenActivation.forName(config.hiddenAct());
    }

    List<ParamSpec> specs() {
        List<ParamSpec> specs = new ArrayList<>(inputNorm.specs(Role.ENCODER));
        specs.addAll(q.specs(Role.ENCODER));
        specs.addAll(k.specs(Role.ENCODER));
        specs.addAll(v.specs(Role.ENCODER));
        specs.addAll(o.specs(Role.ENCODER));
        if (config.qkNorm()) {
            specs.addAll(qNorm.specs(Role.ENCODER));
            specs.addAll(kNorm.specs(Role.ENCODER));
        }
        specs.addAll(postAttentionNorm.specs(Role.ENCODER));
        specs.addAll(gate.specs(Role.ENCODER));
        specs.addAll(up.specs(Role.ENCODER));
        specs.addAll(down.specs(Role.ENCODER));
        return specs;
    }

    /**
     * @param mask the additive causal + padding mask [batch, 1, seq, seq]
     * @param cos the rotary cosines [batch (or 1), seq, headDim]
     * @param sin the rotary sines
     */
    <T> T forward(Ops<T> ops, T x, T mask, T cos, T sin, Mode mode) {
        T a = ops.rmsNorm(inputNorm, x);
        T qs = heads(ops, q.forward(ops, a), config.numHeads(), qNorm);
        T ks = heads(ops, k.forward(ops, a), config.kvHeads(), kNorm);
        T vs = ops.splitHeads(v.forward(ops, a), config.kvHeads());
        qs = ops.rotate(qs, cos, sin);
        ks = ops.rotate(ks, cos, sin);
        T context = ops.mergeHeads(attention.attend(ops, qs, ks, vs, mask, mode));
        x = ops.add(x, o.forward(ops, context));
        T m = ops.rmsNorm(postAttentionNorm, x);
        T gated = ops.mul(activation.apply(ops, gate.forward(ops, m)), up.forward(ops, m)); // SwiGLU
        return ops.add(x, down.forward(ops, gated));
    }

    /** [batch, seq, n * d] to [batch, n, seq, d], each head RMS-normalised first when the config says so. */
    private <T> T heads(Ops<T> ops, T projected, int n, RmsNorm norm) {
        if (!config.qkNorm()) {
            return ops.splitHeads(projected, n);
        }
        return ops.transpose(ops.rmsNorm(norm, ops.unflattenLast(projected, n)), 0, 2, 1, 3);
    }
}
