package dev.rerank4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

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

    /**
     * Reads a file, or a folder of files in the order of their names (Spark alone packs a folder's files into
     * partitions largest first, which would reorder the rows; part files are named in the order they were written).
     */
    static Dataset<Row> read(SparkSession spark, String path, String option) {
        Format f = format(path, option);
        if (!path.contains("://") && !Files.exists(Path.of(path))) {
            throw new SparkInputException(option + " " + path + ": no such file or directory");
        }
        Dataset<Row> all = reader(spark, f, null).load(path);
        List<String> files = dataFiles(spark, path, option);
        if (files.size() < 2) {
            return all;
        }
        StructType schema = all.schema();
        Dataset<Row> out = null;
        for (String file : files) {
            Dataset<Row> one = reader(spark, f, schema).load(file);
            out = out == null ? one : out.union(one);
        }
        return out;
    }

    private static DataFrameReader reader(SparkSession spark, Format f, StructType schemaOrNull) {
        DataFrameReader r = spark.read();
        if (schemaOrNull != null) {
            r = r.schema(schemaOrNull);
        }
        return switch (f) {
            case PARQUET -> r.format("parquet");
            case JSON -> r.format("json");
            case CSV -> r.format("csv").option("header", "true").option("multiLine", "true");
            case TSV -> r.format("csv").option("header", "true").option("sep", "\t");
        };
    }

    /** The data files of a folder (not {@code _SUCCESS}, not hidden), by name; empty for a file. */
    static List<String> dataFiles(SparkSession spark, String path, String option) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.getFileStatus(p).isDirectory()) {
                return List.of();
            }
            List<String> files = new ArrayList<>();
            for (FileStatus st : fs.listStatus(p)) {
                String name = st.getPath().getName();
                if (st.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                    files.add(st.getPath().toString());
                }
            }
            files.sort(Comparator.comparing(x -> x.substring(x.lastIndexOf('/') + 1)));
            return files;
        } catch (IOException e) {
            throw new SparkInputException(option + " " + path + ": cannot list it: " + e.getMessage());
        }
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
