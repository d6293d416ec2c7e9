package dev.rerank4j.model.modernbert;

import dev.rerank4j.model.ArchitectureDescriptor;
import dev.rerank4j.model.Mode;
import dev.rerank4j.model.OpsNetwork;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.modernbert.ModernBertHead.Pooling;
import dev.rerank4j.model.nn.Dropout;
import dev.rerank4j.model.nn.Embedding;
import dev.rerank4j.model.nn.HiddenActivation;
import dev.rerank4j.model.nn.Linear;
import dev.rerank4j.model.nn.Ops;
import dev.rerank4j.model.nn.TokenInputs;
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
final class ModernBertNetwork implements OpsNetwork {
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

    /**
     * Embeddings, then each layer as one {@link Ops#stepReplacing} (in eager inference a layer's intermediates and the
     * previous layer's output are freed as soon as it is done), then {@code final_norm}. The rotary tables are
     * computed once per base.
     */
    @Override
    public <T> T hiddenStates(Ops<T> ops, TokenInputs<T> in, Mode mode) {
        T x = embeddingDropout.forward(ops, embeddingNorm.forward(ops, tokens.forward(ops, in.inputIds())), mode);
        T padding = ops.paddingMask(in.attentionMask());
        T positions = ops.absolutePositions(in.inputIds());
        Map<Float, List<T>> rotations = new HashMap<>();
        for (ModernBertLayer layer : layers) {
            List<T> cosSin =
                    rotations.computeIfAbsent(layer.rope().theta(), t -> ops.rotaryCosSin(layer.rope(), positions));
            T previous = x;
            x = ops.stepReplacing(mode, previous, () -> layer.forward(ops, previous, padding, cosSin, mode));
        }
        return finalNorm.forward(ops, x);
    }

    /** The logits with the head's pooling over the batch's real tokens. */
    @Override
    public <T> T logits(Ops<T> ops, TokenInputs<T> in, Mode mode) {
        return head(ops, pool(ops, hiddenStates(ops, in, mode), in.attentionMask()), mode);
    }

    /**
     * The logits of hidden states with no padding: {@code mean} pooling averages every position (use
     * {@link #logits(Ops, TokenInputs, Mode)} for padded batches).
     */
    @Override
    public <T> T logits(Ops<T> ops, T hidden, Mode mode) {
        return head(ops, pool(ops, hidden, null), mode);
    }

    private <T> T pool(Ops<T> ops, T hidden, T attentionMask) {
        return config.head().pooling() == Pooling.CLS ? ops.firstToken(hidden) : ops.maskedMean(hidden, attentionMask);
    }

    private <T> T head(Ops<T> ops, T pooled, Mode mode) {
        T x = headNorm.forward(ops, headActivation.apply(ops, dense.forward(ops, pooled)));
        return classifier.forward(ops, headDropout.forward(ops, x, mode));
    }
}
