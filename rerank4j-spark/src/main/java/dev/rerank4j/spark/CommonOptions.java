package dev.rerank4j.spark;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** The options every {@code rerank4j-spark} command shares: the model, its engine and the Spark master. */
final class CommonOptions {
    @Option(names = "--model", required = true, description = "model directory every executor can read, or hub id")
    String model;

    @Option(names = "--revision", defaultValue = "main", description = "hub revision (default: ${DEFAULT-VALUE})")
    String revision;

    @Option(names = "--backend", defaultValue = "torch", description = "inference engine (default: ${DEFAULT-VALUE})")
    String backend;

    @Option(names = "--max-length", defaultValue = "0", description = "max tokens per input; 0 = the model's")
    int maxLength;

    @Option(names = "--threads", defaultValue = "0", description = "engine threads per executor; 0 = per core")
    int threads;

    @Option(names = "--master", description = "Spark master when not set by spark-submit, e.g. local[2]")
    String master;

    @Option(names = "--batch-size", defaultValue = "32", description = "inputs per forward pass")
    int batchSize;

    ModelSpec spec() {
        return new ModelSpec(model, revision, backend, maxLength, threads);
    }

    SparkSession session(String app) {
        SparkSession.Builder b = SparkSession.builder().appName("rerank4j-spark " + app);
        if (master != null) {
            b = b.master(master);
        }
        return b.getOrCreate();
    }
}
