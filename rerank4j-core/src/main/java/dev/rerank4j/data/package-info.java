/**
 * Datasets for training and evaluation: rows of named columns, as Hugging Face {@code datasets}.
 *
 * <p>{@link dev.rerank4j.data.Dataset} is an immutable table with {@code datasets}' operations (select, rename and
 * remove columns, shuffle with a seed, ranges, train/test split, concatenation) and a content fingerprint for
 * provenance. {@link dev.rerank4j.data.DatasetFiles} reads JSON Lines, JSON arrays, CSV (RFC 4180), TSV (optionally
 * gzipped) and Parquet (through DuckDB's embedded engine), whole or row by row ({@link dev.rerank4j.data.RowStream});
 * {@link dev.rerank4j.data.HubDatasets} loads a split of a hub dataset into the shared Hugging Face cache, choosing its
 * files as {@code datasets} does (the README's {@code configs}, else the file naming convention).
 *
 * <p>{@link dev.rerank4j.data.ColumnMapping} says which columns a loss reads: sentence-transformers' rule (the first
 * of label/labels/score/scores is the label, every other column an input) or an explicit mapping. Every malformed
 * row fails with a {@link dev.rerank4j.data.DataFormatException} naming the file and line. {@link
 * dev.rerank4j.data.PairFile} reads plain (query, document) pair files for scoring;
 * {@link dev.rerank4j.data.TextFiles} reads line-oriented text files (plain or gzip) with 1-based line numbers, and
 * {@link dev.rerank4j.data.JsonLines} JSON Lines as one object per line for readers whose lines differ in their keys.
 *
 * <p>This is the one place files are parsed: Parquet is read only by {@code ParquetRows}, through the connection setup
 * of {@link dev.rerank4j.data.DuckDb} (which mining's Parquet writer shares); mining reads its inputs through
 * {@link dev.rerank4j.data.JsonLines}, {@link dev.rerank4j.data.TextFiles} and
 * {@link dev.rerank4j.data.DatasetFiles#streamParquet}.
 */
package dev.rerank4j.data;
