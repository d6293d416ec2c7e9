package dev.rerank4j.model.qwen3;

import ai.djl.ndarray.NDArray;
import dev.rerank4j.model.Mode;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.Parameters;
import dev.rerank4j.model.nn.Dropout;
import dev.rerank4j.model.nn.GatedLinearUnit;
import dev.rerank4j.model.nn.HiddenActivation;
import dev.rerank4j.model.nn.Linear;
import dev.rerank4j.model.nn.MultiHeadAttention;
import dev.rerank4j.model.nn.RmsNorm;
import dev.rerank4j.model.nn.RotaryEmbedding;
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
    private final GatedLinearUnit glu;
    private final RotaryEmbedding rope;

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
        this.glu = new GatedLinearUnit(HiddenActivation.forName(config.hiddenAct()));
        this.rope = new RotaryEmbedding(config.headDim(), config.ropeTheta());
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
     * @param cos the rotary cosines [batch, seq, headDim]
     * @param sin the rotary sines
     */
    NDArray forward(Parameters p, NDArray x, NDArray mask, NDArray cos, NDArray sin, Mode mode) {
        NDArray a = inputNorm.forward(p, x);
        NDArray qs = heads(p, q.forward(p, a), config.numHeads(), qNorm);
        NDArray ks = heads(p, k.forward(p, a), config.kvHeads(), kNorm);
        NDArray vs = MultiHeadAttention.splitHeads(v.forward(p, a), config.kvHeads());
        qs = rope.apply(qs, cos, sin);
        ks = rope.apply(ks, cos, sin);
        NDArray context = MultiHeadAttention.mergeHeads(attention.attend(qs, ks, vs, mask, mode));
        x = x.add(o.forward(p, context));
        NDArray m = postAttentionNorm.forward(p, x);
        return x.add(down.forward(p, glu.forward(gate.forward(p, m), up.forward(p, m))));
    }

    /** [batch, seq, n * d] to [batch, n, seq, d], each head RMS-normalised first when the config says so. */
    private NDArray heads(Parameters p, NDArray projected, int n, RmsNorm norm) {
        if (!config.qkNorm()) {
            return MultiHeadAttention.splitHeads(projected, n);
        }
        var s = projected.getShape();
        NDArray perHead = norm.forward(p, projected.reshape(s.get(0), s.get(1), n, config.headDim()));
        return perHead.transpose(0, 2, 1, 3);
    }
}
