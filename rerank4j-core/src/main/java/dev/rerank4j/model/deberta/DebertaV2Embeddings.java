package dev.rerank4j.model.deberta;

import dev.rerank4j.model.Mode;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.nn.Dropout;
import dev.rerank4j.model.nn.Embedding;
import dev.rerank4j.model.nn.LayerNorm;
import dev.rerank4j.model.nn.Linear;
import dev.rerank4j.model.nn.Ops;
import dev.rerank4j.model.nn.TokenInputs;
import java.util.ArrayList;
import java.util.List;

/**
 * Transformers' {@code DebertaV2Embeddings} ({@code deberta.embeddings.*}): word embeddings, plus absolute position
 * embeddings when {@code position_biased_input} (DeBERTa-v3: false) and token-type embeddings when
 * {@code type_vocab_size > 0} (DeBERTa-v3: 0); projected by {@code embed_proj} (no bias) when {@code embedding_size}
 * differs from the hidden size; LayerNorm; zeroed at padding (the attention mask multiplies them); dropout.
 */
final class DebertaV2Embeddings {
    private final Embedding words;
    private final Embedding positions; // null without position_biased_input
    private final Embedding tokenTypes; // null when type_vocab_size is 0
    private final Linear project; // null when embedding_size is the hidden size
    private final LayerNorm norm;
    private final Dropout dropout;

    DebertaV2Embeddings(DebertaV2Config config, String basePrefix) {
        String e = basePrefix + ".embeddings.";
        long width = config.embeddingSize();
        this.words = new Embedding(e + "word_embeddings.weight", config.sizes().vocabSize(), width);
        this.positions = config.positionBiasedInput()
                ? new Embedding(e + "position_embeddings.weight", config.maxPositionEmbeddings(), width)
                : null;
        this.tokenTypes = config.typeVocabSize() > 0
                ? new Embedding(e + "token_type_embeddings.weight", config.typeVocabSize(), width)
                : null;
        this.project =
                config.projectsEmbeddings() ? new Linear(e + "embed_proj", width, config.hiddenSize(), false) : null;
        this.norm = new LayerNorm(e + "LayerNorm", config.hiddenSize(), config.layerNormEps());
        this.dropout = new Dropout(config.hiddenDropout());
    }

    /** The tables, the projection and the LayerNorm, as the config has them. */
    List<ParamSpec> specs() {
        List<ParamSpec> specs = new ArrayList<>(words.specs(Role.ENCODER));
        if (positions != null) {
            specs.addAll(positions.specs(Role.ENCODER));
        }
        if (tokenTypes != null) {
            specs.addAll(tokenTypes.specs(Role.ENCODER));
        }
        if (project != null) {
            specs.addAll(project.specs(Role.ENCODER));
        }
        specs.addAll(norm.specs(Role.ENCODER));
        return specs;
    }

    /** Embeds a batch: [batch, seq, hidden]. */
    <T> T forward(Ops<T> ops, TokenInputs<T> in, Mode mode) {
        T x = words.forward(ops, in.inputIds());
        if (positions != null) {
            x = ops.add(x, positions.forward(ops, ops.absolutePositions(in.inputIds())));
        }
        if (tokenTypes != null) {
            x = ops.add(x, tokenTypes.forward(ops, in.tokenTypeIds()));
        }
        if (project != null) {
            x = project.forward(ops, x);
        }
        T mask = ops.tokenMask(in.attentionMask());
        return dropout.forward(ops, ops.mul(norm.forward(ops, x), mask), mode);
    }
}
