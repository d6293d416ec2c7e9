package dev.rerank4j.model.distilbert;

import dev.rerank4j.model.ArchitectureDescriptor;
import dev.rerank4j.model.Mode;
import dev.rerank4j.model.OpsNetwork;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.nn.Dropout;
import dev.rerank4j.model.nn.Embedding;
import dev.rerank4j.model.nn.HiddenActivation;
import dev.rerank4j.model.nn.LayerNorm;
import dev.rerank4j.model.nn.Linear;
import dev.rerank4j.model.nn.MultiHeadAttention;
import dev.rerank4j.model.nn.Ops;
import dev.rerank4j.model.nn.TokenInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * DistilBERT with transformers' {@code DistilBertForSequenceClassification} head: {@code pre_classifier} + ReLU on
 * the first token, dropout ({@code seq_classif_dropout}), then {@code classifier}. No token types; weights under
 * {@code distilbert.transformer.layer.N} with DistilBERT's own names ({@code q_lin}, {@code sa_layer_norm},
 * {@code ffn.lin1}...).
 */
final class DistilBertNetwork implements OpsNetwork {
    private final ArchitectureDescriptor descriptor;
    private final DistilBertConfig config;
    private final Embedding words;
    // With sinusoidal_pos_embds the table is still stored as position_embeddings.weight: it loads like any weight.
    private final Embedding positions;
    private final LayerNorm embeddingNorm;
    private final Dropout dropout;
    private final List<Layer> layers;
    private final Linear preClassifier;
    private final Dropout headDropout;
    private final Linear classifier;

    DistilBertNetwork(ArchitectureDescriptor descriptor, DistilBertConfig config) {
        this.descriptor = descriptor;
        this.config = config;
        String prefix = descriptor.basePrefix();
        long h = config.hiddenSize();
        String e = prefix + ".embeddings.";
        this.words = new Embedding(e + "word_embeddings.weight", config.sizes().vocabSize(), h);
        this.positions = new Embedding(e + "position_embeddings.weight", config.maxPositionEmbeddings(), h);
        this.embeddingNorm = new LayerNorm(e + "LayerNorm", h, config.layerNormEps());
        this.dropout = new Dropout(config.hiddenDropout());
        HiddenActivation act = HiddenActivation.forName(config.hiddenAct());
        this.layers = IntStream.range(0, config.numLayers())
                .mapToObj(i -> Layer.of(config, prefix + ".transformer.layer." + i + ".", act))
                .toList();
        this.preClassifier = new Linear("pre_classifier", h, h);
        this.headDropout = new Dropout(config.headDropout());
        this.classifier = new Linear("classifier", h, config.numLabels());
    }

    @Override
    public DistilBertConfig config() {
        return config;
    }

    @Override
    public ArchitectureDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public List<ParamSpec> parameterSpecs() {
        List<ParamSpec> specs = new ArrayList<>();
        specs.addAll(words.specs(Role.ENCODER));
        specs.addAll(positions.specs(Role.ENCODER));
        specs.addAll(embeddingNorm.specs(Role.ENCODER));
        layers.forEach(l -> specs.addAll(l.specs()));
        specs.addAll(preClassifier.specs(Role.HEAD));
        specs.addAll(classifier.specs(Role.HEAD));
        return specs;
    }

    @Override
    public <T> T hiddenStates(Ops<T> ops, TokenInputs<T> in, Mode mode) {
        T x = ops.add(words.forward(ops, in.inputIds()), positions.forward(ops, ops.absolutePositions(in.inputIds())));
        x = dropout.forward(ops, embeddingNorm.forward(ops, x), mode);
        T mask = ops.paddingMask(in.attentionMask());
        for (Layer layer : layers) {
            x = layer.forward(ops, x, mask, mode);
        }
        return x;
    }

    @Override
    public <T> T logits(Ops<T> ops, T hidden, Mode mode) {
        T x = HiddenActivation.RELU.apply(ops, preClassifier.forward(ops, ops.firstToken(hidden)));
        return classifier.forward(ops, headDropout.forward(ops, x, mode));
    }

    /** One {@code TransformerBlock}: self-attention, {@code sa_layer_norm}, FFN, {@code output_layer_norm}. */
    private record Layer(
            Linear query,
            Linear key,
            Linear value,
            MultiHeadAttention attention,
            Linear out,
            LayerNorm attentionNorm,
            Linear lin1,
            HiddenActivation act,
            Linear lin2,
            LayerNorm outputNorm,
            Dropout dropout) {

        static Layer of(DistilBertConfig config, String l, HiddenActivation act) {
            long h = config.hiddenSize();
            long inter = config.intermediateSize();
            float eps = config.layerNormEps();
            return new Layer(
                    new Linear(l + "attention.q_lin", h, h),
                    new Linear(l + "attention.k_lin", h, h),
                    new Linear(l + "attention.v_lin", h, h),
                    new MultiHeadAttention(config.numHeads(), new Dropout(config.attentionDropout())),
                    new Linear(l + "attention.out_lin", h, h),
                    new LayerNorm(l + "sa_layer_norm", h, eps),
                    new Linear(l + "ffn.lin1", h, inter),
                    act,
                    new Linear(l + "ffn.lin2", inter, h),
                    new LayerNorm(l + "output_layer_norm", h, eps),
                    new Dropout(config.hiddenDropout()));
        }

        List<ParamSpec> specs() {
            List<ParamSpec> specs = new ArrayList<>();
            for (Linear linear : List.of(query, key, value, out)) {
                specs.addAll(linear.specs(Role.ENCODER));
            }
            specs.addAll(attentionNorm.specs(Role.ENCODER));
            specs.addAll(lin1.specs(Role.ENCODER));
            specs.addAll(lin2.specs(Role.ENCODER));
            specs.addAll(outputNorm.specs(Role.ENCODER));
            return specs;
        }

        <T> T forward(Ops<T> ops, T x, T mask, Mode mode) {
            T context = attention.forward(
                    ops, query.forward(ops, x), key.forward(ops, x), value.forward(ops, x), mask, mode);
            T h = attentionNorm.forward(ops, ops.add(out.forward(ops, context), x));
            T ffn = dropout.forward(ops, lin2.forward(ops, act.apply(ops, lin1.forward(ops, h))), mode);
            return outputNorm.forward(ops, ops.add(ffn, h));
        }
    }
}
