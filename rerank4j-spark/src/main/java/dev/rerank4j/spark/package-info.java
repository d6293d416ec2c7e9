/**
 * rerank4j on Apache Spark (4.x, Scala 2.13; Spark is a {@code provided} dependency): {@link
 * dev.rerank4j.spark.SparkRerank} scores (query, document) DataFrames, encodes corpora into vector columns, mines hard
 * negatives at corpus scale and evaluates rerankers, with models loaded once per executor JVM; {@link
 * dev.rerank4j.spark.Main} is the {@code spark-submit} entry point.
 *
 * <p>Mining keeps the corpus distributed: each corpus partition computes the exact top-k of every (broadcast) query
 * with core's {@code ExactVectorSearch}, the partial lists are merged per query, and core's {@code HardNegativeMiner}
 * applies {@code mine_hard_negatives}' filters and output formats to the merged candidates, so the rows equal the
 * single-JVM miner's. Every task's output depends on its partition's input only, so a retried task gives the same
 * rows.
 */
package dev.rerank4j.spark;
