package dev.rerank4j.model.deberta;

import dev.rerank4j.model.ArchitectureDescriptor;
import dev.rerank4j.model.Mode;
import dev.rerank4j.model.OpsNetwork;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.nn.Dropout;
import dev.rerank4j.model.nn.HiddenActivation;
import dev.rerank4j.model.nn.Linear;
import dev.rerank4j.model.nn.Ops;
import dev.rerank4j.model.nn.TokenInputs;
import java.util.ArrayList;
import java.util.List;

/**
 * DeBERTa-v2/v3 with transformers' {@code DebertaV2ForSequenceClassification} head: the {@code ContextPooler}
 * (dropout {@code pooler_dropout} on the [CLS] state, {@code pooler.dense}, {@code pooler_hidden_act}), dropout
 * ({@code cls_dropout}, else {@code hidden_dropout_prob}), then {@code classifier}.
 */
final class DebertaV2Network implements OpsNetwork {
    private final ArchitectureDescriptor descriptor;
    private final DebertaV2Config config;
    private final DebertaV2Embeddings embeddings;
    private final DebertaV2Encoder encoder;
    private final Dropout poolerDropout;
    private final Linear pooler;
    private final HiddenActivation poolerAct;
    private final Dropout headDropout;
    private final Linear classifier;

    DebertaV2Network(ArchitectureDescriptor descriptor, DebertaV2Config config) {
        this.descriptor = descriptor;
        this.config = config;
        String prefix = descriptor.basePrefix();
        long h = config.hiddenSize();
        this.embeddings = new DebertaV2Embeddings(config, prefix);
        this.encoder = new DebertaV2Encoder(config, prefix);
        this.poolerDropout = new Dropout(config.poolerDropout());
        this.pooler = new Linear("pooler.dense", h, h);
        this.poolerAct = HiddenActivation.forName(config.poolerAct());
        this.headDropout = new Dropout(config.headDropout());
        this.classifier = new Linear("classifier", h, config.numLabels());
    }

    @Override
    public DebertaV2Config config() {
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
        T x = embeddings.forward(ops, in, mode);
        return encoder.forward(ops, x, in.attentionMask(), mode);
    }

    @Override
    public <T> T logits(Ops<T> ops, T hidden, Mode mode) {
        T cls = poolerDropout.forward(ops, ops.firstToken(hidden), mode);
        T pooled = poolerAct.apply(ops, pooler.forward(ops, cls));
        return classifier.forward(ops, headDropout.forward(ops, pooled, mode));
    }
}
