package dev.rerank4j.model.electra;

import dev.rerank4j.model.ArchitectureDescriptor;
import dev.rerank4j.model.Mode;
import dev.rerank4j.model.OpsNetwork;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.bert.BertEmbeddings;
import dev.rerank4j.model.bert.BertEncoder;
import dev.rerank4j.model.nn.Dropout;
import dev.rerank4j.model.nn.HiddenActivation;
import dev.rerank4j.model.nn.Linear;
import dev.rerank4j.model.nn.Ops;
import dev.rerank4j.model.nn.TokenInputs;
import java.util.ArrayList;
import java.util.List;

/**
 * ELECTRA (discriminator) with transformers' {@code ElectraForSequenceClassification} head
 * ({@code classifier.dense} + GELU on the first token, then {@code classifier.out_proj}).
 *
 * <p>Embeddings have {@code embedding_size} columns; when that differs from {@code hidden_size} they are projected
 * by {@code electra.embeddings_project}.
 */
final class ElectraNetwork implements OpsNetwork {
    private final ArchitectureDescriptor descriptor;
    private final ElectraConfig config;
    private final BertEmbeddings embeddings;
    private final Linear project; // null when the embeddings already have the hidden width
    private final BertEncoder encoder;
    private final Dropout headDropout;
    private final Linear dense;
    private final Linear outProj;

    ElectraNetwork(ArchitectureDescriptor descriptor, ElectraConfig config) {
        this.descriptor = descriptor;
        this.config = config;
        String prefix = descriptor.basePrefix();
        long h = config.hiddenSize();
        this.embeddings = new BertEmbeddings(config, prefix, config.typeVocabSize());
        this.project = config.projectsEmbeddings()
                ? new Linear(prefix + ".embeddings_project", config.embeddingSize(), h)
                : null;
        this.encoder = new BertEncoder(config, prefix);
        this.headDropout = new Dropout(config.headDropout());
        this.dense = new Linear("classifier.dense", h, h);
        this.outProj = new Linear("classifier.out_proj", h, config.numLabels());
    }

    @Override
    public ElectraConfig config() {
        return config;
    }

    @Override
    public ArchitectureDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public List<ParamSpec> parameterSpecs() {
        List<ParamSpec> specs = new ArrayList<>(embeddings.specs());
        if (project != null) {
            specs.addAll(project.specs(Role.ENCODER));
        }
        specs.addAll(encoder.specs());
        specs.addAll(dense.specs(Role.HEAD));
        specs.addAll(outProj.specs(Role.HEAD));
        return specs;
    }

    @Override
    public <T> T hiddenStates(Ops<T> ops, TokenInputs<T> in, Mode mode) {
        T x = embeddings.forward(ops, in, ops.absolutePositions(in.inputIds()), mode);
        if (project != null) {
            x = project.forward(ops, x);
        }
        return encoder.forward(ops, x, in.attentionMask(), mode);
    }

    /** The head's activation is always the exact GELU, whatever {@code hidden_act} says (as transformers). */
    @Override
    public <T> T logits(Ops<T> ops, T hidden, Mode mode) {
        T x = headDropout.forward(ops, ops.firstToken(hidden), mode);
        x = HiddenActivation.GELU.apply(ops, dense.forward(ops, x));
        return outProj.forward(ops, headDropout.forward(ops, x, mode));
    }
}
