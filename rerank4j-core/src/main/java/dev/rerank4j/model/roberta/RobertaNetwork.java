package dev.rerank4j.model.roberta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.rerank4j.model.Inputs;
import dev.rerank4j.model.Layers;
import dev.rerank4j.model.Mode;
import dev.rerank4j.model.ModelConfig;
import dev.rerank4j.model.Network;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.Parameters;
import dev.rerank4j.model.bert.BertEncoder;
import dev.rerank4j.model.bert.BertNetwork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RoBERTa and XLM-RoBERTa with transformers' {@code RobertaForSequenceClassification} head
 * ({@code classifier.dense} + tanh on the first token, then {@code classifier.out_proj}).
 *
 * <p>Positions count real tokens only and start after {@code padding_idx} (= {@code pad_token_id}), as
 * transformers' {@code create_position_ids_from_input_ids}: a padded position gets {@code padding_idx} itself.
 */
public final class RobertaNetwork implements Network {
    private static final String PREFIX = "roberta";
    private final ModelConfig config;
    private final BertEncoder encoder;

    public RobertaNetwork(ModelConfig config) {
        this.config = config;
        this.encoder = new BertEncoder(config, PREFIX);
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public String basePrefix() {
        return PREFIX;
    }

    @Override
    public List<ParamSpec> parameterSpecs() {
        long h = config.hiddenSize();
        List<ParamSpec> specs = new ArrayList<>(BertNetwork.embeddingSpecs(config, PREFIX, h));
        specs.addAll(encoder.specs());
        specs.addAll(Arrays.asList(ParamSpec.linear("classifier.dense", h, h, Role.HEAD)));
        specs.addAll(Arrays.asList(ParamSpec.linear("classifier.out_proj", h, config.numLabels(), Role.HEAD)));
        return specs;
    }

    /** The longest input the position table allows: positions run from padding_idx + 1. */
    public static int maxSequenceLength(ModelConfig config) {
        return config.maxPositionEmbeddings() - config.padTokenId() - 1;
    }

    @Override
    public boolean usesTokenTypes() {
        // RoBERTa tokenizers return no token_type_ids; transformers then uses zeros.
        return false;
    }

    @Override
    public NDArray hiddenStates(Parameters p, Inputs in, Mode mode) {
        NDArray real = in.inputIds().neq(config.padTokenId()).toType(DataType.INT64, false);
        NDArray positions = real.cumSum(1).mul(real).add(config.padTokenId());
        NDArray x = BertNetwork.embed(p, config, PREFIX, in, positions, mode);
        return encoder.forward(p, x, in.attentionMask(), mode);
    }

    @Override
    public NDArray logits(Parameters p, NDArray hidden, Mode mode) {
        float drop = config.headDropout();
        NDArray x = Layers.dropout(hidden.get(new NDIndex(":, 0, :")), drop, mode);
        x = Layers.linear(p, "classifier.dense", x).tanh();
        return Layers.linear(p, "classifier.out_proj", Layers.dropout(x, drop, mode));
    }
}
