/**
 * The module's benchmark ({@link dev.rerank4j.spark.bench.SciFactMiningBench}): distributed mining on SciFact against
 * the single-JVM miner, with the measured per-partition costs projected to larger corpora. Never part of the tests.
 */
package dev.rerank4j.spark.bench;
