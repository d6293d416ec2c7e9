package dev.rerank4j.spark;

import dev.rerank4j.testing.TinyTokenizers;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The tests' Spark: one {@code local[2,2]} session per test JVM (two worker threads; a task may fail once and is then
 * retried, which the failure tests use), no UI, few shuffle partitions.
 */
final class LocalSpark {
    private LocalSpark() {}

    static SparkSession session() {
        return SparkSession.builder()
                .master("local[2,2]")
                .appName("rerank4j-spark tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    static JavaSparkContext jsc() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }

    /** A frame of {@code rows} in exactly {@code partitions} contiguous slices. */
    static Dataset<Row> frame(List<Row> rows, StructType schema, int partitions) {
        return session().createDataFrame(jsc().parallelize(rows, partitions), schema);
    }

    /** Random texts of 1..maxWords words of the tiny vocabularies. */
    static List<String> texts(int n, int maxWords, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> words = TinyTokenizers.WORDS;
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int len = 1 + r.nextInt(maxWords);
            StringBuilder b = new StringBuilder();
            for (int w = 0; w < len; w++) {
                b.append(w == 0 ? "" : " ").append(words.get(r.nextInt(words.size())));
            }
            out.add(b.toString());
        }
        return out;
    }

    /**
     * {@code frame} whose partition {@code partition} fails on its first attempt after {@code afterRows} rows went
     * downstream (the retry then succeeds): an executor dying mid-task.
     */
    static Dataset<Row> failingOnce(Dataset<Row> frame, int partition, int afterRows) {
        StructType schema = frame.schema();
        return frame.mapPartitions(
                (org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row>) rows -> {
                    TaskContext task = TaskContext.get();
                    boolean fail = task.partitionId() == partition && task.attemptNumber() == 0;
                    return new java.util.Iterator<>() {
                        int seen;

                        @Override
                        public boolean hasNext() {
                            if (fail && seen == afterRows) {
                                throw new IllegalStateException("injected failure of partition " + partition);
                            }
                            return rows.hasNext();
                        }

                        @Override
                        public Row next() {
                            seen++;
                            return rows.next();
                        }
                    };
                },
                org.apache.spark.sql.Encoders.row(schema));
    }

    static Row row(Object... values) {
        return RowFactory.create(values);
    }
}
