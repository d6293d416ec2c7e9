package dev.rerank4j.model.qwen3;

import dev.rerank4j.model.ArchitectureDescriptor;
import dev.rerank4j.model.LogitScore;
import dev.rerank4j.model.Mode;
import dev.rerank4j.model.OpsNetwork;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.nn.Embedding;
import dev.rerank4j.model.nn.Linear;
import dev.rerank4j.model.nn.Ops;
import dev.rerank4j.model.nn.RmsNorm;
import dev.rerank4j.model.nn.RotaryEmbedding;
import dev.rerank4j.model.nn.TokenInputs;
import java.util.ArrayList;
import java.util.List;

/**
 * The Qwen3 / Qwen2 decoder ({@code Qwen3Model}: embeddings, decoder layers, final {@code model.norm}) with one of two
 * heads, both read at each row's last real token (the last position under left padding, as sentence-transformers
 * pads a causal LM; the last non-pad token under right padding, as {@code Qwen3ForSequenceClassification} finds it):
 *
 * <ul>
 *   <li>causal LM ({@code Qwen3ForCausalLM} + sentence-transformers' {@code LogitScore}): the LM head's rows of the
 *       LogitScore tokens only, {@code h · W[yes] - h · W[no]}, never the full vocabulary; {@code W} is the embedding
 *       table when the embeddings are tied (no {@code lm_head.weight}), else {@code lm_head.weight};
 *   <li>sequence classification ({@code Qwen3ForSequenceClassification}): {@code score} Linear without bias.
 * </ul>
 *
 * <p>Positions are {@code 0..seq-1} as transformers' forward without {@code position_ids}: under left padding the
 * real tokens start later, which rotary embeddings make no difference to (they only see position differences).
 *
 * <p>The forward pass is written once over {@link Ops}: libtorch runs it (training with autograd; inference a group of
 * rows at a time) and the ONNX exporter records the same description, the LM head reduced to its LogitScore rows.
 */
final class Qwen3Network implements OpsNetwork {
    /** Tokens per group of rows a decoder layer runs at once in inference (at least one row). */
    static final long INFERENCE_GROUP_TOKENS = 1024;

    private final Qwen3Architecture descriptor;
    private final Qwen3Config config;
    private final Embedding embeddings;
    private final List<Qwen3Layer> layers = new ArrayList<>();
    private final RmsNorm norm;
    private final RotaryEmbedding rope;
    private final Linear score;
    private final Embedding lmHead;

    Qwen3Network(Qwen3Architecture descriptor, Qwen3Config config) {
        this.descriptor = descriptor;
        this.config = config;
        if (config.causalLm() && config.numLabels() != 1) {
            throw new IllegalArgumentException("a causal-LM reranker ("
                    + config.architectures().get(0)
                    + ") gives one score per pair (LogitScore), so numLabels must be 1, got " + config.numLabels());
        }
        this.embeddings =
                new Embedding("model.embed_tokens.weight", config.sizes().vocabSize(), config.hiddenSize());
        for (int i = 0; i < config.numLayers(); i++) {
            layers.add(new Qwen3Layer(config, i));
        }
        this.norm = new RmsNorm("model.norm", config.hiddenSize(), config.rmsNormEps());
        this.rope = new RotaryEmbedding(config.headDim(), config.ropeTheta());
        this.score = new Linear("score", config.hiddenSize(), config.numLabels(), false);
        this.lmHead = config.tiedEmbeddings()
                ? embeddings
                : new Embedding("lm_head.weight", config.sizes().vocabSize(), config.hiddenSize());
    }

    @Override
    public Qwen3Config config() {
        return config;
    }

    @Override
    public ArchitectureDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public List<ParamSpec> parameterSpecs() {
        List<ParamSpec> specs = new ArrayList<>(embeddings.specs(Role.ENCODER));
        layers.forEach(l -> specs.addAll(l.specs()));
        specs.addAll(norm.specs(Role.ENCODER));
        if (!config.causalLm()) {
            specs.addAll(score.specs(Role.HEAD));
        } else if (!config.tiedEmbeddings()) {
            specs.addAll(lmHead.specs(Role.ENCODER));
        }
        return specs;
    }

    /**
     * The final-normed hidden states [batch, seq, hidden]; the row's last real token is what the heads read. In
     * inference each decoder layer runs a group of rows at a time ({@link Ops#rowGroups}): a 0.6B model at 8 x 256
     * tokens would otherwise hold one layer's intermediates for the whole batch at once (about 0.4 GB: attention
     * scores, four MLP-wide arrays) where a group of {@value #INFERENCE_GROUP_TOKENS} tokens holds about a quarter of
     * that; each layer's input is released as soon as its output exists.
     */
    @Override
    public <T> T hiddenStates(Ops<T> ops, TokenInputs<T> in, Mode mode) {
        T x = embeddings.forward(ops, in.inputIds());
        T angles = ops.rotaryAngles(rope, ops.absolutePositions(in.inputIds()));
        List<T> rowInputs = List.of(ops.causalMask(in.attentionMask()), ops.cos(angles), ops.sin(angles));
        for (Qwen3Layer layer : layers) {
            x = ops.rowGroups(
                    mode,
                    INFERENCE_GROUP_TOKENS,
                    x,
                    rowInputs,
                    (h, r) -> layer.forward(ops, h, r.get(0), r.get(1), r.get(2), mode));
        }
        return ops.rmsNorm(norm, x);
    }

    /** The head on the last position of every row: right for left-padded (or unpadded) batches only. */
    @Override
    public <T> T logits(Ops<T> ops, T hidden, Mode mode) {
        return head(ops, ops.lastToken(hidden));
    }

    /** The head on each row's last real token (the last 1 of its attention mask), under any padding side. */
    @Override
    public <T> T logits(Ops<T> ops, TokenInputs<T> in, Mode mode) {
        return head(ops, ops.lastRealToken(hiddenStates(ops, in, mode), in.attentionMask()));
    }

    /** The head on given last-token states [batch, hidden]: LogitScore [batch, 1] or {@code score} [batch, labels]. */
    private <T> T head(Ops<T> ops, T last) {
        if (!config.causalLm()) {
            return score.forward(ops, last);
        }
        LogitScore logitScore = config.logitScore()
                .orElseThrow(() -> new IllegalStateException("causal LM built without its LogitScore token ids"));
        long[] ids =
                java.util.Arrays.stream(logitScore.tokenIds()).asLongStream().toArray();
        T rows = ops.tableRows(lmHead, ids, last); // only the LogitScore tokens' rows, never the vocabulary
        T logits = ops.matMul(last, ops.transpose(rows, 1, 0));
        if (logitScore.falseTokenId().isEmpty()) {
            return logits;
        }
        return ops.sub(ops.sliceLast(logits, 0, 1), ops.sliceLast(logits, 1, 2));
    }
}
