package dev.rerank4j.model;

/**
 * The hyper-parameters every transformer encoder has, under the BERT names of {@code config.json} (each architecture's
 * config record maps its own keys to them).
 *
 * @param vocabSize {@code vocab_size}
 * @param hiddenSize {@code hidden_size}
 * @param embeddingSize the width of the embedding tables: {@code embedding_size} where an architecture factorises its
 *     embeddings (ELECTRA), else the hidden size
 * @param numLayers {@code num_hidden_layers}
 * @param numHeads {@code num_attention_heads}
 * @param intermediateSize {@code intermediate_size}
 * @param hiddenAct {@code hidden_act}, an {@code ACT2FN} name
 * @param maxPositionEmbeddings {@code max_position_embeddings}
 * @param layerNormEps {@code layer_norm_eps}
 * @param initializerRange {@code initializer_range}, the std of freshly initialised weights
 */
public record EncoderSizes(
        int vocabSize,
        int hiddenSize,
        int embeddingSize,
        int numLayers,
        int numHeads,
        int intermediateSize,
        String hiddenAct,
        int maxPositionEmbeddings,
        float layerNormEps,
        float initializerRange) {
    public EncoderSizes {
        positive("vocab_size", vocabSize);
        positive("hidden_size", hiddenSize);
        positive("embedding_size", embeddingSize);
        positive("num_hidden_layers", numLayers);
        positive("num_attention_heads", numHeads);
        positive("intermediate_size", intermediateSize);
        positive("max_position_embeddings", maxPositionEmbeddings);
        if (hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException(
                    "hidden_size (" + hiddenSize + ") must be a multiple of num_attention_heads (" + numHeads + ")");
        }
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("layer_norm_eps must be > 0, got " + layerNormEps);
        }
    }

    /** Returns a copy with embedding tables of another width (ELECTRA's {@code embedding_size}). */
    public EncoderSizes withEmbeddingSize(int size) {
        return new EncoderSizes(
                vocabSize,
                hiddenSize,
                size,
                numLayers,
                numHeads,
                intermediateSize,
                hiddenAct,
                maxPositionEmbeddings,
                layerNormEps,
                initializerRange);
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, got " + value);
        }
    }
}
