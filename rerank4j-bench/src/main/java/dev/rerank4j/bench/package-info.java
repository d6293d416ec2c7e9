/**
 * Benchmarks and measurements, run as main classes (never as unit tests). {@link dev.rerank4j.bench.Bench}
 * dispatches to them by name: {@code java -jar rerank4j-bench.jar bm25-baselines [datasets-dir]}.
 */
package dev.rerank4j.bench;
