package dev.rerank4j.spark;

import dev.rerank4j.embed.EmbeddingModel;
import dev.rerank4j.embed.Embeddings;
import dev.rerank4j.embed.EncodeOptions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

/**
 * Encodes one partition in chunks with the executor's shared embedding model: every row keeps its place and its
 * columns and gains its embedding ({@code float[]}, stored as {@code array<float>}).
 */
final class PartitionEncoding implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final ModelSpec model;
    private final EncodeColumns options;
    private final int textIndex;
    private final LongAccumulator encoded;
    private final LongAccumulator bad;

    PartitionEncoding(
            ModelSpec model, EncodeColumns options, int textIndex, LongAccumulator encoded, LongAccumulator bad) {
        this.model = model;
        this.options = options;
        this.textIndex = textIndex;
        this.encoded = encoded;
        this.bad = bad;
    }

    /** The core encode options of {@code columns} for {@code model} (the prompt resolved from the model's own). */
    static EncodeOptions encodeOptions(EmbeddingModel model, EncodeColumns columns) {
        String prompt =
                columns.prompt() != null ? columns.prompt() : model.prompts().resolve(columns.role());
        return EncodeOptions.defaults()
                .withBatchSize(columns.batchSize())
                .withNormalization(columns.normalization())
                .withPrompt(prompt);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        EmbeddingModel embedder = ExecutorModels.embedder(model);
        EncodeOptions encode = encodeOptions(embedder, options);
        int partition = TaskContext.getPartitionId();
        return new ChunkedRows(rows, options.chunkSize(), (chunk, first) -> {
            List<String> texts = new ArrayList<>(chunk.size());
            String[] errors = new String[chunk.size()];
            for (int i = 0; i < chunk.size(); i++) {
                String problem = Cells.problem(chunk.get(i), textIndex, options.textColumn());
                if (problem != null) {
                    errors[i] = problem;
                    bad.add(1);
                    if (options.badRows() == BadRows.FAIL) {
                        throw new SparkInputException("partition " + partition + ", row " + (first + i)
                                + " (0-based, in"
                                + " the partition's order): " + problem + "; fix the row, or route bad rows to an"
                                + " error column (EncodeColumns.withErrorColumn, --error-column)");
                    }
                } else {
                    texts.add(chunk.get(i).getString(textIndex));
                }
            }
            Embeddings e = texts.isEmpty() ? null : embedder.encode(texts, encode);
            List<Row> out = new ArrayList<>(chunk.size());
            int t = 0;
            for (int i = 0; i < chunk.size(); i++) {
                Row row = chunk.get(i);
                Object[] values = new Object[row.size() + (options.badRows() == BadRows.ERROR_COLUMN ? 2 : 1)];
                for (int c = 0; c < row.size(); c++) {
                    values[c] = row.get(c);
                }
                values[row.size()] = errors[i] == null ? boxed(e.row(t++)) : null;
                if (options.badRows() == BadRows.ERROR_COLUMN) {
                    values[row.size() + 1] = errors[i];
                }
                out.add(RowFactory.create(values));
            }
            encoded.add(texts.size());
            return out;
        });
    }

    /** Spark's row encoder reads an {@code array<float>} cell from a boxed array or a Scala sequence. */
    private static Float[] boxed(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
