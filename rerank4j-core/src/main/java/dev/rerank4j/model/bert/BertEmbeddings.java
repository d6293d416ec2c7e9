package dev.rerank4j.model.bert;

import ai.djl.ndarray.NDArray;
import dev.rerank4j.model.Inputs;
import dev.rerank4j.model.Mode;
import dev.rerank4j.model.ModelConfig;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.Parameters;
import dev.rerank4j.model.nn.Dropout;
import dev.rerank4j.model.nn.EagerOps;
import dev.rerank4j.model.nn.Embedding;
import dev.rerank4j.model.nn.LayerNorm;
import dev.rerank4j.model.nn.Ops;
import dev.rerank4j.model.nn.TokenInputs;
import java.util.ArrayList;
import java.util.List;

/**
 * Transformers' {@code BertEmbeddings} ({@code prefix.embeddings.*}), shared with RoBERTa and ELECTRA: word +
 * token-type + position embeddings of the config's embedding width, then LayerNorm and dropout. The position ids are
 * the caller's (RoBERTa counts them differently).
 */
public final class BertEmbeddings {
    private final Embedding words;
    private final Embedding positions;
    private final Embedding tokenTypes; // null when type_vocab_size is 0
    private final LayerNorm norm;
    private final Dropout dropout;

    /**
     * @param config the model configuration
     * @param prefix the base-model prefix, e.g. {@code bert}
     * @param typeVocabSize rows of the token-type table; 0 for none
     */
    public BertEmbeddings(ModelConfig config, String prefix, int typeVocabSize) {
        String e = prefix + ".embeddings.";
        long width = config.embeddingSize();
        this.words = new Embedding(e + "word_embeddings.weight", config.sizes().vocabSize(), width);
        this.positions = new Embedding(e + "position_embeddings.weight", config.maxPositionEmbeddings(), width);
        this.tokenTypes =
                typeVocabSize > 0 ? new Embedding(e + "token_type_embeddings.weight", typeVocabSize, width) : null;
        this.norm = new LayerNorm(e + "LayerNorm", width, config.layerNormEps());
        this.dropout = new Dropout(config.hiddenDropout());
    }

    /** The tables and the LayerNorm. */
    public List<ParamSpec> specs() {
        List<ParamSpec> specs = new ArrayList<>();
        specs.addAll(words.specs(Role.ENCODER));
        specs.addAll(positions.specs(Role.ENCODER));
        if (tokenTypes != null) {
            specs.addAll(tokenTypes.specs(Role.ENCODER));
        }
        specs.addAll(norm.specs(Role.ENCODER));
        return specs;
    }

    /**
     * Embeds a batch: words + token types + positions, LayerNorm, dropout.
     *
     * @param positionIds int64 position ids [batch, seq]
     * @return [batch, seq, embedding width]
     */
    public NDArray forward(Parameters p, Inputs in, NDArray positionIds, Mode mode) {
        return forward(
                EagerOps.of(p),
                new TokenInputs<>(in.inputIds(), in.tokenTypeIds(), in.attentionMask()),
                positionIds,
                mode);
    }

    /**
     * Embeds a batch: words + token types + positions, LayerNorm, dropout.
     *
     * @param positionIds int64 position ids, broadcastable to [batch, seq]
     * @return [batch, seq, embedding width]
     */
    public <T> T forward(Ops<T> ops, TokenInputs<T> in, T positionIds, Mode mode) {
        T x = words.forward(ops, in.inputIds());
        if (tokenTypes != null) {
            x = ops.add(x, tokenTypes.forward(ops, in.tokenTypeIds()));
        }
        x = ops.add(x, positions.forward(ops, positionIds));
        return dropout.forward(ops, norm.forward(ops, x), mode);
    }
}
