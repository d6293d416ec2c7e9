package dev.rerank4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** Reads and writes the entry point's tables by file name: {@code .parquet}, {@code .jsonl}/{@code .json}, {@code .csv}, {@code .tsv}. */
final class Tables {
    private Tables() {}

    private enum Format {
        PARQUET,
        JSON,
        CSV,
        TSV
    }

    private static Format format(String path, String option) {
        String name = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".parquet")) {
            return Format.PARQUET;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".json")) {
            return Format.JSON;
        }
        if (name.endsWith(".csv")) {
            return Format.CSV;
        }
        if (name.endsWith(".tsv")) {
            return Format.TSV;
        }
        throw new SparkInputException(
                option + " " + path + ": unknown format; name it .parquet, .jsonl, .json, .csv or .tsv");
    }

    static Dataset<Row> read(SparkSession spark, String path, String option) {
        Format f = format(path, option);
        if (!path.contains("://") && !Files.exists(Path.of(path))) {
            throw new SparkInputException(option + " " + path + ": no such file or directory");
        }
        DataFrameReader r = spark.read();
        return switch (f) {
            case PARQUET -> r.parquet(path);
            case JSON -> r.json(path);
            case CSV -> r.option("header", "true").option("multiLine", "true").csv(path);
            case TSV -> r.option("header", "true").option("sep", "\t").csv(path);
        };
    }

    /** Writes {@code frame} as a Spark output directory at {@code path}, which must not exist yet. */
    static void write(Dataset<Row> frame, String path, String option) {
        Format f = format(path, option);
        if (!path.contains("://") && Files.exists(Path.of(path))) {
            throw new SparkInputException(option + " " + path + ": exists already; remove it or choose another path");
        }
        DataFrameWriter<Row> w = frame.write().mode(SaveMode.ErrorIfExists);
        switch (f) {
            case PARQUET -> w.parquet(path);
            case JSON -> w.json(path);
            case CSV -> w.option("header", "true").csv(path);
            case TSV -> w.option("header", "true").option("sep", "\t").csv(path);
        }
    }
}
