package dev.rerank4j.model.deberta;

import dev.rerank4j.model.nn.RelativeBuckets;
import java.util.Set;

/**
 * The disentangled-attention settings of a DeBERTa-v2 {@code config.json}, resolved as transformers'
 * {@code DebertaV2Encoder} and {@code DisentangledSelfAttention} resolve them.
 *
 * @param enabled {@code relative_attention}: whether the relative-position terms are added (default false)
 * @param terms {@code pos_att_type}: the relative terms, content-to-position and/or position-to-content; they count in
 *     the scale factor {@code sqrt(head_dim * (1 + terms))} even when {@code enabled} is false, as in transformers
 * @param maxRelativePositions {@code max_relative_positions}, or {@code max_position_embeddings} when below 1
 * @param positionBuckets {@code position_buckets}; 0 or less for no log buckets
 * @param shareAttKey {@code share_att_key}: the position projections reuse {@code query_proj} / {@code key_proj}
 * @param normRelEmbeddings {@code norm_rel_ebd} contains {@code layer_norm}: the relative embeddings go through
 *     {@code encoder.LayerNorm}
 */
public record RelativeAttention(
        boolean enabled,
        Set<Term> terms,
        int maxRelativePositions,
        int positionBuckets,
        boolean shareAttKey,
        boolean normRelEmbeddings)
        implements RelativeBuckets {
    /** A relative-position term of {@code pos_att_type}. */
    public enum Term {
        /** {@code c2p}: content (query) to position (relative key embedding). */
        C2P,
        /** {@code p2c}: position (relative query embedding) to content (key). */
        P2C
    }

    public RelativeAttention {
        terms = Set.copyOf(terms);
        if (maxRelativePositions < 1) {
            throw new IllegalArgumentException(
                    "max_relative_positions must be >= 1 once resolved, got " + maxRelativePositions);
        }
        if (enabled
                && positionBuckets > 0
                && (positionBuckets < 2 || maxRelativePositions - 1 <= positionBuckets / 2)) {
            throw new IllegalArgumentException("position_buckets (" + positionBuckets + ") must be at least 2 and its"
                    + " half below max_relative_positions - 1 (" + (maxRelativePositions - 1) + ")");
        }
    }

    /** The scale factor: 1 plus the number of relative terms ({@code scale_factor} in transformers). */
    public int scaleFactor() {
        return 1 + terms.size();
    }

    /** {@code att_span} ({@code pos_ebd_size}): the position buckets if any, else the maximum relative position. */
    @Override
    public int attentionSpan() {
        return positionBuckets > 0 ? positionBuckets : maxRelativePositions;
    }

    /** The rows of {@code encoder.rel_embeddings}: twice the span. */
    public int embeddingRows() {
        return 2 * attentionSpan();
    }

    /** Whether the relative terms include {@code term} and relative attention is on. */
    public boolean uses(Term term) {
        return enabled && terms.contains(term);
    }

    /** The gather indices of a sequence of {@code length} tokens ({@link RelativePositions}). */
    @Override
    public RelativePositions window(int length) {
        return RelativePositions.of(length, this);
    }
}
