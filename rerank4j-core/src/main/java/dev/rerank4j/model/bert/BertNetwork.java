package dev.rerank4j.model.bert;

import dev.rerank4j.model.ArchitectureDescriptor;
import dev.rerank4j.model.Mode;
import dev.rerank4j.model.OpsNetwork;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.nn.Dropout;
import dev.rerank4j.model.nn.Linear;
import dev.rerank4j.model.nn.Ops;
import dev.rerank4j.model.nn.TokenInputs;
import java.util.ArrayList;
import java.util.List;

/**
 * BERT (and MiniLM, which is a BERT) with transformers' {@code BertForSequenceClassification} head: the pooler
 * (dense + tanh on the [CLS] state), dropout, then {@code classifier}.
 */
final class BertNetwork implements OpsNetwork {
    private final ArchitectureDescriptor descriptor;
    private final BertConfig config;
    private final BertEmbeddings embeddings;
    private final BertEncoder encoder;
    private final Linear pooler;
    private final Dropout headDropout;
    private final Linear classifier;

    BertNetwork(ArchitectureDescriptor descriptor, BertConfig config) {
        this.descriptor = descriptor;
        this.config = config;
        String prefix = descriptor.basePrefix();
        long h = config.hiddenSize();
        this.embeddings = new BertEmbeddings(config, prefix, config.typeVocabSize());
        this.encoder = new BertEncoder(config, prefix);
        this.pooler = new Linear(prefix + ".pooler.dense", h, h);
        this.headDropout = new Dropout(config.headDropout());
        this.classifier = new Linear("classifier", h, config.numLabels());
    }

    @Override
    public BertConfig config() {
        return config;
    }

    @Override
    public ArchitectureDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public List<ParamSpec> parameterSpecs() {
        List<ParamSpec> specs = new ArrayList<>(embeddings.specs());
        specs.addAll(encoder.specs());
        specs.addAll(pooler.specs(Role.HEAD));
        specs.addAll(classifier.specs(Role.HEAD));
        return specs;
    }

    @Override
    public <T> T hiddenStates(Ops<T> ops, TokenInputs<T> in, Mode mode) {
        T x = embeddings.forward(ops, in, ops.absolutePositions(in.inputIds()), mode);
        return encoder.forward(ops, x, in.attentionMask(), mode);
    }

    @Override
    public <T> T logits(Ops<T> ops, T hidden, Mode mode) {
        T pooled = ops.tanh(pooler.forward(ops, ops.firstToken(hidden)));
        return classifier.forward(ops, headDropout.forward(ops, pooled, mode));
    }
}
