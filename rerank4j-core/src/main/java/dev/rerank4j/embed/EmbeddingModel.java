package dev.rerank4j.embed;

import dev.rerank4j.ModelFormatException;
import dev.rerank4j.ProgressListener;
import dev.rerank4j.hub.ModelLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A bi-encoder: turns each text into one vector, so that related texts get a high inner product. Loaded from the
 * directories sentence-transformers saves ({@code modules.json} and its modules) by {@link #load(Path,
 * EmbeddingOptions)}:
 *
 * <ul>
 *   <li>{@link TransformerEmbedding}: a transformer, a {@code Pooling} module (CLS, mean, max, ...) and optionally
 *       {@code Normalize}; a plain Hugging Face directory without {@code modules.json} gets mean pooling, as
 *       sentence-transformers does;
 *   <li>{@link StaticEmbedding}: a {@code 0_StaticEmbedding} module (tokenizer plus an embedding matrix averaged over
 *       the tokens, as {@code static-retrieval-mrl-en-v1}), optionally followed by {@code Normalize}.
 * </ul>
 *
 * <p>{@link #encode} is thread-safe. Close the model once no call is running.
 */
public sealed interface EmbeddingModel extends AutoCloseable permits TransformerEmbedding, StaticEmbedding {
    /**
     * Loads a model by directory or Hugging Face id, as {@link ModelLocator#fromEnvironment()} resolves it (the offline
     * {@code sentence-transformers/all-MiniLM-L6-v2} included).
     */
    static EmbeddingModel load(String modelIdOrPath, String revision, EmbeddingOptions options) {
        return load(modelIdOrPath, revision, options, ProgressListener.NONE);
    }

    /** {@link #load(String, String, EmbeddingOptions)}, with the progress of a download reported to {@code downloads}. */
    static EmbeddingModel load(
            String modelIdOrPath, String revision, EmbeddingOptions options, ProgressListener downloads) {
        Path dir = ModelLocator.fromEnvironment(downloads).locate(modelIdOrPath, revision);
        return load(dir, modelIdOrPath, options);
    }

    /** Loads a model by directory or hub id (revision {@code main}) with the default options. */
    static EmbeddingModel load(String modelIdOrPath) {
        return load(modelIdOrPath, "main", EmbeddingOptions.defaults());
    }

    /**
     * Loads a model directory.
     *
     * @throws ModelFormatException naming the file and the problem when the directory cannot be used
     */
    static EmbeddingModel load(Path dir, EmbeddingOptions options) {
        return load(dir, dir.toString(), options);
    }

    private static EmbeddingModel load(Path dir, String source, EmbeddingOptions options) {
        if (!Files.isDirectory(dir)) {
            throw new ModelFormatException(dir + ": not a directory; pass a sentence-transformers model directory"
                    + " (modules.json, ...) or a Hugging Face model id");
        }
        List<ModuleEntry> modules = ModuleEntry.present(dir)
                ? ModuleEntry.read(dir.resolve("modules.json"))
                : List.of(new ModuleEntry(0, "", "Transformer"));
        Path file = dir.resolve("modules.json");
        if (modules.get(0).kind(file) == ModuleEntry.Kind.STATIC_EMBEDDING) {
            return StaticEmbedding.load(dir, source, modules);
        }
        return TransformerEmbedding.load(dir, source, modules, options);
    }

    /**
     * Encodes texts, batched and sorted by length, with the options' prompt prepended.
     *
     * @return one row per text, in input order
     */
    Embeddings encode(List<String> texts, EncodeOptions options);

    /** Encodes texts with the default options. */
    default Embeddings encode(List<String> texts) {
        return encode(texts, EncodeOptions.defaults());
    }

    /** The width of an embedding. */
    int dimension();

    /** The model id or directory this model was loaded from. */
    String source();

    /**
     * A digest of what decides this model's outputs (its files and settings), so that cached embeddings are reused
     * only for the same model.
     */
    String fingerprint();

    /** The prompts the model declares. */
    Prompts prompts();

    @Override
    void close();
}
