/**
 * Where progress goes: {@link dev.rerank4j.progress.ConsoleProgressListener}, the console implementation of {@link
 * dev.rerank4j.ProgressListener} (progress bars on a stream the caller gives, e.g. the command line's standard
 * error). Scoring, encoding, training, mining and downloads take a listener from their options and report to it; the
 * library itself never writes to the console.
 */
package dev.rerank4j.progress;
