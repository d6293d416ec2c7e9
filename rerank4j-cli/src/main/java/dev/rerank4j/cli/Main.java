package dev.rerank4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rerank4j} command: one subcommand per job. */
@Command(
        name = "rerank4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Train, evaluate, mine data for and serve reranker (cross-encoder) models.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command; see 'rerank4j --help'.");
    }

    /** Runs the command line and exits with its code: 0 success, 2 bad usage or input, 1 any other failure. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code, without exiting (for tests). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }
}
