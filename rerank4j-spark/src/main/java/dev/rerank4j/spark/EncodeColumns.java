package dev.rerank4j.spark;

import dev.rerank4j.embed.Normalization;
import dev.rerank4j.embed.PromptRole;
import java.io.Serializable;
import java.util.Objects;

/**
 * How {@link SparkRerank#encode} reads and extends a DataFrame.
 *
 * @param textColumn the text column (strings)
 * @param embeddingColumn the {@code array<float>} column added
 * @param role whose prompt of the model applies (sentence-transformers' {@code encode_document} / {@code
 *     encode_query}) unless {@code prompt} overrides it
 * @param prompt the prompt prepended to every text, or null for the model's own prompt of {@code role}
 * @param normalization the model's own output or unit length (what mining uses)
 * @param badRows fail on a bad row, or route it to {@code errorColumn}
 * @param errorColumn the string column added with {@link BadRows#ERROR_COLUMN}
 * @param batchSize texts per forward pass
 * @param chunkSize texts a task encodes together (sorted by length into batches)
 */
public record EncodeColumns(
        String textColumn,
        String embeddingColumn,
        PromptRole role,
        String prompt,
        Normalization normalization,
        BadRows badRows,
        String errorColumn,
        int batchSize,
        int chunkSize)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public EncodeColumns {
        Objects.requireNonNull(textColumn, "textColumn");
        Objects.requireNonNull(embeddingColumn, "embeddingColumn");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(badRows, "badRows");
        Objects.requireNonNull(errorColumn, "errorColumn");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
        }
    }

    /** Column {@code text} into {@code embedding}, documents' prompt, unit length, fail on bad rows, batch 32. */
    public static EncodeColumns defaults() {
        return new EncodeColumns(
                "text",
                "embedding",
                PromptRole.DOCUMENT,
                null,
                Normalization.UNIT_LENGTH,
                BadRows.FAIL,
                "error",
                32,
                4096);
    }

    public EncodeColumns withColumns(String text, String embedding) {
        return new EncodeColumns(
                text, embedding, role, prompt, normalization, badRows, errorColumn, batchSize, chunkSize);
    }

    public EncodeColumns withRole(PromptRole r) {
        return new EncodeColumns(
                textColumn, embeddingColumn, r, prompt, normalization, badRows, errorColumn, batchSize, chunkSize);
    }

    public EncodeColumns withPrompt(String p) {
        return new EncodeColumns(
                textColumn,
                embeddingColumn,
                role,
                Objects.requireNonNull(p, "prompt"),
                normalization,
                badRows,
                errorColumn,
                batchSize,
                chunkSize);
    }

    public EncodeColumns withNormalization(Normalization n) {
        return new EncodeColumns(
                textColumn, embeddingColumn, role, prompt, n, badRows, errorColumn, batchSize, chunkSize);
    }

    public EncodeColumns withErrorColumn(String column) {
        return new EncodeColumns(
                textColumn,
                embeddingColumn,
                role,
                prompt,
                normalization,
                BadRows.ERROR_COLUMN,
                column,
                batchSize,
                chunkSize);
    }

    public EncodeColumns withBatchSize(int n) {
        return new EncodeColumns(
                textColumn, embeddingColumn, role, prompt, normalization, badRows, errorColumn, n, chunkSize);
    }

    public EncodeColumns withChunkSize(int n) {
        return new EncodeColumns(
                textColumn, embeddingColumn, role, prompt, normalization, badRows, errorColumn, batchSize, n);
    }
}
