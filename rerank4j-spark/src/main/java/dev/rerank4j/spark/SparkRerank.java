package dev.rerank4j.spark;

import dev.rerank4j.eval.EvaluationResult;
import dev.rerank4j.mining.MinedDataset;
import dev.rerank4j.mining.MinedRow;
import dev.rerank4j.mining.MiningReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * rerank4j on Apache Spark: score, encode, mine hard negatives and evaluate with DataFrames. Models are named by a
 * {@link ModelSpec} (a directory every executor can read, or a hub id) and loaded once per executor JVM; progress
 * shows in the Spark UI as accumulators ({@code rerank4j: pairs scored}, {@code rerank4j: texts encoded}, ...).
 *
 * <pre>{@code
 * Dataset<Row> scored = SparkRerank.score(pairs, ModelSpec.of("/models/reranker"), ScoreOptions.defaults());
 * MinedDataset mined = SparkRerank.mine(pairs, Optional.of(corpus),
 *         SparkMiningOptions.of(ModelSpec.of("/models/minilm"), MiningOptions.defaults().withNumNegatives(5)));
 * }</pre>
 */
public final class SparkRerank {
    private SparkRerank() {}

    /**
     * Adds the reranker's score of every (query, document) row as a float column; the rows keep their order, their
     * partitions and every other column.
     *
     * @throws ModelUnreadableException at once, when the model is a local path the driver cannot read
     * @throws SparkInputException (as the job's cause) naming the partition and row of a null text, unless bad rows go to
     *     an error column
     */
    public static Dataset<Row> score(Dataset<Row> pairs, ModelSpec model, ScoreOptions options) {
        ExecutorModels.checkOnDriver(model, "model");
        int q = Frames.stringColumn(pairs, options.queryColumn(), "query column");
        int d = Frames.stringColumn(pairs, options.documentColumn(), "document column");
        Frames.newColumn(pairs, options.scoreColumn(), "score column");
        StructType schema = pairs.schema().add(options.scoreColumn(), DataTypes.FloatType, true);
        if (options.badRows() == BadRows.ERROR_COLUMN) {
            Frames.newColumn(pairs, options.errorColumn(), "error column");
            schema = schema.add(options.errorColumn(), DataTypes.StringType, true);
        }
        SparkSession spark = pairs.sparkSession();
        LongAccumulator scored = spark.sparkContext().longAccumulator("rerank4j: pairs scored");
        LongAccumulator bad = spark.sparkContext().longAccumulator("rerank4j: bad rows");
        return pairs.mapPartitions(new PartitionScoring(model, options, q, d, scored, bad), Encoders.row(schema));
    }

    /**
     * Adds every text's embedding as an {@code array<float>} column (unit length by default, as mining uses them);
     * rows keep their order and columns.
     */
    public static Dataset<Row> encode(Dataset<Row> texts, ModelSpec model, EncodeColumns options) {
        ExecutorModels.checkOnDriver(model, "model");
        int t = Frames.stringColumn(texts, options.textColumn(), "text column");
        Frames.newColumn(texts, options.embeddingColumn(), "embedding column");
        StructType schema = texts.schema()
                .add(options.embeddingColumn(), DataTypes.createArrayType(DataTypes.FloatType, false), true);
        if (options.badRows() == BadRows.ERROR_COLUMN) {
            Frames.newColumn(texts, options.errorColumn(), "error column");
            schema = schema.add(options.errorColumn(), DataTypes.StringType, true);
        }
        SparkSession spark = texts.sparkSession();
        LongAccumulator encoded = spark.sparkContext().longAccumulator("rerank4j: texts encoded");
        LongAccumulator bad = spark.sparkContext().longAccumulator("rerank4j: bad rows");
        return texts.mapPartitions(new PartitionEncoding(model, options, t, encoded, bad), Encoders.row(schema));
    }

    /**
     * Mines hard negatives for the (anchor, positive) rows of {@code pairs} among {@code corpus} (plus the positives;
     * without a corpus, among the positives), with the semantics of {@code rerank4j mine}: the same model, data and
     * options give the same rows as core's {@code HardNegativeMiner} on one machine.
     */
    public static MinedDataset mine(Dataset<Row> pairs, Optional<Dataset<Row>> corpus, SparkMiningOptions options) {
        return SparkMining.mine(pairs, corpus, options);
    }

    /**
     * Mines as {@link #mine(Dataset, Optional, SparkMiningOptions)} but hands the rows to {@code rows} one block of
     * {@code queryBlock} anchors at a time, in order, instead of holding them all: the driver then holds one block's
     * candidates and rows at once. The blocks' rows concatenate to the rows {@code mine} returns.
     *
     * @return the report of the whole run
     */
    public static MiningReport mine(
            Dataset<Row> pairs,
            Optional<Dataset<Row>> corpus,
            SparkMiningOptions options,
            Consumer<List<MinedRow>> rows) {
        return SparkMining.mine(pairs, corpus, options, rows).report();
    }

    /**
     * Evaluates a reranker on labelled (query, document, label) rows: MAP, MRR@k and NDCG@k as core's {@code
     * RerankingEvaluator} computes them, from scores computed on the executors.
     */
    public static EvaluationResult evaluate(Dataset<Row> labelled, ModelSpec model, EvalColumns options) {
        return SparkEvaluation.evaluate(labelled, model, options);
    }

    /** The mined rows as a DataFrame with the output format's columns (strings, labels, scores, lists). */
    public static Dataset<Row> toDataFrame(SparkSession spark, MinedDataset mined) {
        List<Row> rows = new ArrayList<>(mined.rows().size());
        for (int i = 0; i < mined.rows().size(); i++) {
            List<Object> values = new ArrayList<>(mined.values(i));
            for (int j = 0; j < values.size(); j++) {
                if (values.get(j) instanceof float[] f) {
                    values.set(j, boxed(f));
                } else if (values.get(j) instanceof List<?> l) {
                    values.set(j, l.toArray());
                }
            }
            rows.add(RowFactory.create(values.toArray()));
        }
        StructType schema = new StructType();
        List<Object> first = mined.rows().isEmpty() ? List.of() : mined.values(0);
        for (int j = 0; j < mined.columns().size(); j++) {
            Object v = j < first.size() ? first.get(j) : "";
            schema = schema.add(new StructField(
                    mined.columns().get(j), type(v), true, org.apache.spark.sql.types.Metadata.empty()));
        }
        return spark.createDataFrame(rows, schema);
    }

    private static DataType type(Object v) {
        if (v instanceof Integer) {
            return DataTypes.IntegerType;
        }
        if (v instanceof Float) {
            return DataTypes.FloatType;
        }
        if (v instanceof Double) {
            return DataTypes.DoubleType;
        }
        if (v instanceof float[]) {
            return DataTypes.createArrayType(DataTypes.FloatType);
        }
        if (v instanceof List<?> l) {
            return DataTypes.createArrayType(l.isEmpty() ? DataTypes.StringType : type(l.get(0)));
        }
        return DataTypes.StringType;
    }

    private static Float[] boxed(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
