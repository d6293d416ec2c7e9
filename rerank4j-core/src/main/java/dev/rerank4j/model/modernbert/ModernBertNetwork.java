package dev.rerank4j.model.modernbert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.rerank4j.model.ArchitectureDescriptor;
import dev.rerank4j.model.Inputs;
import dev.rerank4j.model.Mode;
import dev.rerank4j.model.Network;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.Parameters;
import dev.rerank4j.model.modernbert.ModernBertHead.Pooling;
import dev.rerank4j.model.nn.AttentionMask;
import dev.rerank4j.model.nn.Dropout;
import dev.rerank4j.model.nn.Embedding;
import dev.rerank4j.model.nn.HiddenActivation;
import dev.rerank4j.model.nn.Linear;
import dev.rerank4j.model.nn.PositionIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * ModernBERT with transformers' {@code ModernBertForSequenceClassification} head: the last hidden states (after
 * {@code final_norm}) pooled ({@code cls} or masked {@code mean}), then {@code head} = {@code norm(act(dense(x)))},
 * dropout and {@code classifier}. A bare {@code ModernBertModel} checkpoint gets a fresh head; a
 * {@code ModernBertForMaskedLM} one brings its trained {@code head.dense} / {@code head.norm} (same names, as
 * transformers loads it) and a fresh {@code classifier}.
 */
final class ModernBertNetwork implements Network {
    private final ArchitectureDescriptor descriptor;
    private final ModernBertConfig config;
    private final Embedding tokens;
    private final Norm embeddingNorm;
    private final Dropout embeddingDropout;
    private final List<ModernBertLayer> layers;
    private final Norm finalNorm;
    private final Linear dense;
    private final HiddenActivation headActivation;
    private final Norm headNorm;
    private final Dropout headDropout;
    private final Linear classifier;

    ModernBertNetwork(ArchitectureDescriptor descriptor, ModernBertConfig c) {
        this.descriptor = descriptor;
        this.config = c;
        long h = c.hiddenSize();
        boolean normBias = c.biases().norm();
        this.tokens = new Embedding(
                "model.embeddings.tok_embeddings.weight", c.sizes().vocabSize(), h);
        this.embeddingNorm = new Norm("model.embeddings.norm", h, c.layerNormEps(), normBias);
        this.embeddingDropout = new Dropout(c.embeddingDropout());
        this.layers = IntStream.range(0, c.numLayers())
                .mapToObj(i -> new ModernBertLayer(c, i))
                .toList();
        this.finalNorm = new Norm("model.final_norm", h, c.layerNormEps(), normBias);
        this.dense = new Linear("head.dense", h, h, c.biases().classifier());
        this.headActivation = HiddenActivation.forName(c.head().activation());
        this.headNorm = new Norm("head.norm", h, c.layerNormEps(), normBias);
        this.headDropout = new Dropout(c.headDropout());
        this.classifier = new Linear("classifier", h, c.numLabels());
    }

    @Override
    public ModernBertConfig config() {
        return config;
    }

    @Override
    public ArchitectureDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public List<ParamSpec> parameterSpecs() {
        List<ParamSpec> specs = new ArrayList<>(tokens.specs(Role.ENCODER));
        specs.addAll(embeddingNorm.specs(Role.ENCODER));
        layers.forEach(l -> specs.addAll(l.specs()));
        specs.addAll(finalNorm.specs(Role.ENCODER));
        specs.addAll(dense.specs(Role.HEAD));
        specs.addAll(headNorm.specs(Role.HEAD));
        specs.addAll(classifier.specs(Role.HEAD));
        return specs;
    }

    @Override
    public NDArray hiddenStates(Parameters p, Inputs in, Mode mode) {
        NDArray x = embeddingDropout.forward(embeddingNorm.forward(p, tokens.forward(p, in.inputIds())), mode);
        NDArray padding = AttentionMask.padding(in.attentionMask());
        NDArray positions = PositionIds.absolute(in.inputIds());
        Map<Float, NDList> rotations = new HashMap<>();
        for (ModernBertLayer layer : layers) {
            NDList cosSin = rotations.computeIfAbsent(
                    layer.rope().theta(), t -> layer.rope().cosSin(positions));
            if (mode == Mode.TRAINING) {
                x = layer.forward(p, x, padding, cosSin, mode); // autograd keeps every intermediate until backward
                continue;
            }
            // Inference: free each layer's intermediates as soon as it is done; the output moves out.
            NDArray next;
            NDScope scope = new NDScope();
            try {
                next = layer.forward(p, x, padding, cosSin, mode);
                NDScope.unregister(next);
            } finally {
                scope.close();
            }
            NDScope.register(next);
            x.close(); // the previous layer's output is not needed again: 22 of them would add up with the length
            x = next;
        }
        return finalNorm.forward(p, x);
    }

    /** The logits with the head's pooling over the batch's real tokens. */
    @Override
    public NDArray logits(Parameters p, Inputs in, Mode mode) {
        return head(p, pool(hiddenStates(p, in, mode), in.attentionMask()), mode);
    }

    /**
     * The logits of hidden states with no padding: {@code mean} pooling averages every position (use
     * {@link #forward} for padded batches).
     */
    @Override
    public NDArray logits(Parameters p, NDArray hidden, Mode mode) {
        return head(p, pool(hidden, null), mode);
    }

    private NDArray pool(NDArray hidden, NDArray attentionMask) {
        if (config.head().pooling() == Pooling.CLS) {
            return hidden.get(new NDIndex(":, 0, :"));
        }
        if (attentionMask == null) {
            return hidden.mean(new int[] {1});
        }
        NDArray mask = attentionMask.toType(DataType.FLOAT32, false).expandDims(-1);
        return hidden.mul(mask).sum(new int[] {1}).div(mask.sum(new int[] {1}));
    }

    private NDArray head(Parameters p, NDArray pooled, Mode mode) {
        NDArray x = headNorm.forward(p, headActivation.apply(dense.forward(p, pooled)));
        return classifier.forward(p, headDropout.forward(x, mode));
    }
}
