package dev.rerank4j.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.io.DType;
import dev.rerank4j.io.Safetensors;
import dev.rerank4j.io.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Static embedding models (sentence-transformers' {@code StaticEmbedding}) built in code, in the layout
 * sentence-transformers saves: {@code modules.json}, {@code 0_StaticEmbedding/model.safetensors} ({@code
 * embedding.weight}) and {@code 0_StaticEmbedding/tokenizer.json}, optionally followed by a {@code Normalize} module.
 * The tokenizer is {@link TinyTokenizers#wordPiece()}: each word of its vocabulary is one token.
 */
public final class TinyEmbeddings {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The v6 module class name, as {@code modules.json} holds it. */
    public static final String STATIC_TYPE = "sentence_transformers.sentence_transformer.modules.StaticEmbedding";

    private TinyEmbeddings() {}

    /**
     * Writes a static model whose rows are zero except the given words' vectors.
     *
     * @param vectors word → vector, all of the same width
     * @param normalize whether to append a {@code Normalize} module
     */
    public static Path staticModel(Path dir, Map<String, float[]> vectors, boolean normalize) {
        ObjectNode tokenizer = TinyTokenizers.wordPiece();
        int vocab = TinyTokenizers.vocabSize(tokenizer);
        int dim = vectors.values().iterator().next().length;
        float[] weights = new float[vocab * dim];
        vectors.forEach((word, v) -> {
            int id = tokenizer.path("model").path("vocab").path(word).asInt(-1);
            if (id < 0 || v.length != dim) {
                throw new IllegalArgumentException("not a vocabulary word or wrong width: " + word);
            }
            System.arraycopy(v, 0, weights, id * dim, dim);
        });
        return write(dir, tokenizer, weights, dim, normalize);
    }

    /** Writes a static model with seeded random rows of width {@code dim}. */
    public static Path randomStaticModel(Path dir, int dim, long seed, boolean normalize) {
        ObjectNode tokenizer = TinyTokenizers.wordPiece();
        int vocab = TinyTokenizers.vocabSize(tokenizer);
        java.util.Random random = new java.util.Random(seed);
        float[] weights = new float[vocab * dim];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian();
        }
        return write(dir, tokenizer, weights, dim, normalize);
    }

    /** The token id of a vocabulary word in {@link TinyTokenizers#wordPiece()}. */
    public static int tokenId(String word) {
        return TinyTokenizers.wordPiece().path("model").path("vocab").path(word).asInt(-1);
    }

    private static Path write(Path dir, ObjectNode tokenizer, float[] weights, int dim, boolean normalize) {
        try {
            Path module = Files.createDirectories(dir.resolve("0_StaticEmbedding"));
            JSON.writeValue(module.resolve("tokenizer.json").toFile(), tokenizer);
            int vocab = weights.length / dim;
            Safetensors.write(
                    module.resolve("model.safetensors"),
                    List.of(Tensor.of("embedding.weight", new long[] {vocab, dim}, weights)),
                    DType.F32);
            ArrayNode modules = JSON.createArrayNode();
            modules.addObject()
                    .put("idx", 0)
                    .put("name", "0")
                    .put("path", "0_StaticEmbedding")
                    .put("type", STATIC_TYPE);
            if (normalize) {
                Files.createDirectories(dir.resolve("1_Normalize"));
                modules.addObject()
                        .put("idx", 1)
                        .put("name", "1")
                        .put("path", "1_Normalize")
                        .put("type", "sentence_transformers.base.modules.normalize.Normalize");
            }
            JSON.writerWithDefaultPrettyPrinter()
                    .writeValue(dir.resolve("modules.json").toFile(), modules);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
