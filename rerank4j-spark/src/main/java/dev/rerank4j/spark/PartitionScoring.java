package dev.rerank4j.spark;

import dev.rerank4j.PredictOptions;
import dev.rerank4j.Reranker;
import dev.rerank4j.TextPair;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

/**
 * Scores one partition: rows are read in chunks of {@link ScoreOptions#chunkSize()}, each chunk goes to the executor's
 * shared reranker in one {@code predict} call (which sorts it by length into batches and restores the order), and
 * every row comes out in input order with its score appended. The output of a partition depends on its input only, so
 * a retried task gives the same rows.
 */
final class PartitionScoring implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final ModelSpec model;
    private final ScoreOptions options;
    private final int queryIndex;
    private final int documentIndex;
    private final LongAccumulator scored;
    private final LongAccumulator bad;

    PartitionScoring(
            ModelSpec model,
            ScoreOptions options,
            int queryIndex,
            int documentIndex,
            LongAccumulator scored,
            LongAccumulator bad) {
        this.model = model;
        this.options = options;
        this.queryIndex = queryIndex;
        this.documentIndex = documentIndex;
        this.scored = scored;
        this.bad = bad;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        Reranker reranker = ExecutorModels.reranker(model);
        int partition = TaskContext.getPartitionId();
        return new ChunkedRows(
                rows, options.chunkSize(), (chunk, first) -> scoreChunk(reranker, partition, chunk, first));
    }

    private List<Row> scoreChunk(Reranker reranker, int partition, List<Row> chunk, long first) {
        List<TextPair> pairs = new ArrayList<>(chunk.size());
        String[] errors = new String[chunk.size()];
        for (int i = 0; i < chunk.size(); i++) {
            Row row = chunk.get(i);
            String problem = Cells.problem(row, queryIndex, options.queryColumn());
            if (problem == null) {
                problem = Cells.problem(row, documentIndex, options.documentColumn());
            }
            if (problem != null) {
                errors[i] = problem;
                fail(partition, first + i, problem);
            } else {
                pairs.add(new TextPair(row.getString(queryIndex), row.getString(documentIndex)));
            }
        }
        float[] scores = pairs.isEmpty()
                ? new float[0]
                : reranker.predict(pairs, PredictOptions.defaults().withBatchSize(options.batchSize()));
        List<Row> out = new ArrayList<>(chunk.size());
        int s = 0;
        for (int i = 0; i < chunk.size(); i++) {
            Float score = null;
            if (errors[i] == null) {
                float v = scores[s++];
                if (Float.isFinite(v)) {
                    score = v;
                } else {
                    errors[i] = "the model returned " + v;
                    fail(partition, first + i, errors[i]);
                }
            }
            out.add(extend(chunk.get(i), score, errors[i]));
        }
        scored.add(pairs.size());
        return out;
    }

    private void fail(int partition, long row, String problem) {
        bad.add(1);
        if (options.badRows() == BadRows.FAIL) {
            throw new SparkInputException("partition " + partition + ", row " + row + " (0-based, in the partition's"
                    + " order): " + problem + "; fix the row, or route bad rows to an error column ("
                    + "ScoreOptions.withErrorColumn, --error-column)");
        }
    }

    private Row extend(Row row, Float score, String error) {
        int n = row.size();
        Object[] values = new Object[n + (options.badRows() == BadRows.ERROR_COLUMN ? 2 : 1)];
        for (int i = 0; i < n; i++) {
            values[i] = row.get(i);
        }
        values[n] = score;
        if (options.badRows() == BadRows.ERROR_COLUMN) {
            values[n + 1] = error;
        }
        return RowFactory.create(values);
    }
}
