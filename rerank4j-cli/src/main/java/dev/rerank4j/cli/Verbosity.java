package dev.rerank4j.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}: print stack traces with errors. */
final class Verbosity {
    @Option(
            names = {"-v", "--verbose"},
            description = "Print the stack trace of an error.")
    boolean verbose;
}
