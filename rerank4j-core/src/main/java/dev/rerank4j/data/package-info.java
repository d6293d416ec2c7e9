/**
 * Reading data files: line-oriented text files (plain or gzip) with 1-based line numbers, and the
 * {@link dev.rerank4j.data.DataFormatException} every reader throws for malformed input, whose message always starts
 * with {@code file:line:} so that a user can jump to the offending line.
 */
package dev.rerank4j.data;
