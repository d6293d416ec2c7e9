package dev.rerank4j.model.qwen3;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.rerank4j.model.ArchitectureDescriptor;
import dev.rerank4j.model.Inputs;
import dev.rerank4j.model.LogitScore;
import dev.rerank4j.model.Mode;
import dev.rerank4j.model.Network;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.Parameters;
import dev.rerank4j.model.nn.Embedding;
import dev.rerank4j.model.nn.Linear;
import dev.rerank4j.model.nn.PositionIds;
import dev.rerank4j.model.nn.RmsNorm;
import dev.rerank4j.model.nn.RotaryEmbedding;
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
 */
final class Qwen3Network implements Network {
    /** Tokens per group of rows a decoder layer runs at once in inference (at least one row). */
    static final long INFERENCE_GROUP_TOKENS = 1024;

    private final Qwen3Architecture descriptor;
    private final Qwen3Config config;
    private final Embedding embeddings;
    private final List<Qwen3Layer> layers = new ArrayList<>();
    private final RmsNorm norm;
    private final RotaryEmbedding rope;
    private final Linear score;
    private final String lmHead;

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
        this.lmHead = config.tiedEmbeddings() ? "model.embed_tokens.weight" : "lm_head.weight";
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
            specs.add(new ParamSpec(
                    lmHead,
                    new long[] {config.sizes().vocabSize(), config.hiddenSize()},
                    Role.ENCODER,
                    ParamSpec.Init.NORMAL));
        }
        return specs;
    }

    /** The final-normed hidden states [batch, seq, hidden]; the row's last real token is what the heads read. */
    @Override
    public NDArray hiddenStates(Parameters p, Inputs in, Mode mode) {
        NDArray x = embeddings.forward(p, in.inputIds());
        NDList cosSin = rope.cosSin(PositionIds.absolute(in.inputIds()));
        NDArray mask = causalMask(in.attentionMask());
        if (mode == Mode.TRAINING) {
            for (Qwen3Layer layer : layers) {
                x = layer.forward(p, x, mask, cosSin.get(0), cosSin.get(1), mode);
            }
            return norm.forward(p, x);
        }
        long batch = x.getShape().get(0);
        long rowsPerGroup = Math.max(1, INFERENCE_GROUP_TOKENS / x.getShape().get(1));
        for (Qwen3Layer layer : layers) {
            NDArray next = inferenceLayer(p, layer, x, mask, cosSin, batch, rowsPerGroup);
            x.close(); // the previous layer's output is not needed again: 28 of them would add up
            x = next;
        }
        return norm.forward(p, x);
    }

    /**
     * One layer in inference, a group of rows at a time (rows are independent), each group's intermediates freed as
     * soon as it is done: a 0.6B model at 8 x 256 tokens would otherwise hold every layer's intermediates until the
     * batch ends (GBs), and one layer's for the whole batch at once (about 0.4 GB: attention scores, four MLP-wide
     * arrays) where a group of {@value #INFERENCE_GROUP_TOKENS} tokens holds about a quarter of that.
     */
    private static NDArray inferenceLayer(
            Parameters p, Qwen3Layer layer, NDArray x, NDArray mask, NDList cosSin, long batch, long rowsPerGroup) {
        List<NDArray> parts = new ArrayList<>();
        for (long from = 0; from < batch; from += rowsPerGroup) {
            long to = Math.min(batch, from + rowsPerGroup);
            boolean whole = from == 0 && to == batch;
            try (NDScope scope = new NDScope()) {
                NDArray next = whole
                        ? layer.forward(p, x, mask, cosSin.get(0), cosSin.get(1), Mode.INFERENCE)
                        : layer.forward(
                                p,
                                rows(x, from, to),
                                rows(mask, from, to),
                                rows(cosSin.get(0), from, to),
                                rows(cosSin.get(1), from, to),
                                Mode.INFERENCE);
                NDScope.unregister(next);
                parts.add(next); // still owned by the batch's manager, which frees it with the batch
            }
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        NDArray joined = NDArrays.concat(new NDList(parts), 0);
        parts.forEach(NDArray::close);
        return joined;
    }

    private static NDArray rows(NDArray a, long from, long to) {
        return a.get(new NDIndex("{}:{}", from, to));
    }

    /** The head on the last position of every row: right for left-padded (or unpadded) batches only. */
    @Override
    public NDArray logits(Parameters p, NDArray hidden, Mode mode) {
        return head(p, hidden.get(":, -1, :"));
    }

    /** The head on each row's last real token (the last 1 of its attention mask), under any padding side. */
    @Override
    public NDArray logits(Parameters p, Inputs in, Mode mode) {
        NDArray hidden = hiddenStates(p, in, mode);
        long seq = in.seqLen();
        NDManager m = hidden.getManager();
        NDArray positions = m.arange(0, (int) seq, 1, DataType.INT64).reshape(1, seq);
        NDArray last = in.attentionMask().mul(positions.add(1)).argMax(1); // the last position whose mask is 1
        NDArray oneHot = last.reshape(-1, 1).eq(positions).toType(DataType.FLOAT32, false);
        return head(p, oneHot.expandDims(-1).mul(hidden).sum(new int[] {1}));
    }

    /** The head on given last-token states [batch, hidden]: LogitScore [batch, 1] or {@code score} [batch, labels]. */
    NDArray head(Parameters p, NDArray last) {
        if (!config.causalLm()) {
            return score.forward(p, last);
        }
        LogitScore logitScore = config.logitScore()
                .orElseThrow(() -> new IllegalStateException("causal LM built without its LogitScore token ids"));
        NDManager m = last.getManager();
        NDArray ids = m.create(
                java.util.Arrays.stream(logitScore.tokenIds()).asLongStream().toArray());
        NDArray rows = ai.djl.nn.core.Embedding.embedding(ids, p.get(lmHead), ai.djl.ndarray.types.SparseFormat.DENSE)
                .singletonOrThrow();
        NDArray logits = last.matMul(rows.transpose());
        if (logitScore.falseTokenId().isEmpty()) {
            return logits;
        }
        return logits.get(":, 0:1").sub(logits.get(":, 1:2"));
    }

    /**
     * The additive mask [batch, 1, seq, seq]: a query attends to keys at or before it that are real tokens. Built
     * from one 0/1 product so that a fully masked row (a left pad) gets a finite, uniform softmax instead of NaN.
     */
    static NDArray causalMask(NDArray attentionMask) {
        long batch = attentionMask.getShape().get(0);
        long seq = attentionMask.getShape().get(1);
        NDManager m = attentionMask.getManager();
        NDArray positions = m.arange(0, (int) seq, 1, DataType.INT64);
        NDArray causal =
                positions.reshape(seq, 1).gte(positions.reshape(1, seq)).toType(DataType.FLOAT32, false);
        NDArray keys = attentionMask.toType(DataType.FLOAT32, false).reshape(batch, 1, 1, seq);
        NDArray allowed = keys.mul(causal.reshape(1, 1, seq, seq));
        return allowed.sub(1f).mul(Float.MAX_VALUE);
    }
}
