package dev.rerank4j.model.roberta;

import dev.rerank4j.model.ArchitectureDescriptor;
import dev.rerank4j.model.Mode;
import dev.rerank4j.model.OpsNetwork;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.bert.BertEmbeddings;
import dev.rerank4j.model.bert.BertEncoder;
import dev.rerank4j.model.nn.Dropout;
import dev.rerank4j.model.nn.Linear;
import dev.rerank4j.model.nn.Ops;
import dev.rerank4j.model.nn.TokenInputs;
import java.util.ArrayList;
import java.util.List;

/**
 * RoBERTa and XLM-RoBERTa with transformers' {@code RobertaForSequenceClassification} head
 * ({@code classifier.dense} + tanh on the first token, then {@code classifier.out_proj}).
 *
 * <p>Positions count real tokens only and start after {@code padding_idx} (= {@code pad_token_id}), as
 * transformers' {@code create_position_ids_from_input_ids}: a padded position gets {@code padding_idx} itself.
 */
final class RobertaNetwork implements OpsNetwork {
    private final ArchitectureDescriptor descriptor;
    private final RobertaConfig config;
    private final BertEmbeddings embeddings;
    private final BertEncoder encoder;
    private final Dropout headDropout;
    private final Linear dense;
    private final Linear outProj;

    RobertaNetwork(ArchitectureDescriptor descriptor, RobertaConfig config) {
        this.descriptor = descriptor;
        this.config = config;
        String prefix = descriptor.basePrefix();
        long h = config.hiddenSize();
        this.embeddings = new BertEmbeddings(config, prefix, config.typeVocabSize());
        this.encoder = new BertEncoder(config, prefix);
        this.headDropout = new Dropout(config.headDropout());
        this.dense = new Linear("classifier.dense", h, h);
        this.outProj = new Linear("classifier.out_proj", h, config.numLabels());
    }

    @Override
    public RobertaConfig config() {
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
        specs.addAll(dense.specs(Role.HEAD));
        specs.addAll(outProj.specs(Role.HEAD));
        return specs;
    }

    @Override
    public <T> T hiddenStates(Ops<T> ops, TokenInputs<T> in, Mode mode) {
        T positions = ops.offsetPositions(in.inputIds(), config.padTokenId());
        T x = embeddings.forward(ops, in, positions, mode);
        return encoder.forward(ops, x, in.attentionMask(), mode);
    }

    @Override
    public <T> T logits(Ops<T> ops, T hidden, Mode mode) {
        T x = headDropout.forward(ops, ops.firstToken(hidden), mode);
        x = ops.tanh(dense.forward(ops, x));
        return outProj.forward(ops, headDropout.forward(ops, x, mode));
    }
}
