/**
 * The {@code rerank4j} command line (picocli): {@link dev.rerank4j.cli.Main} and one class per command. Exit codes:
 * 0 success, 2 bad usage or bad input, 1 any other failure; errors print one message, stack traces only with
 * {@code --verbose}.
 */
package dev.rerank4j.cli;
