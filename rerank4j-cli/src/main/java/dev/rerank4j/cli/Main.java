package dev.rerank4j.cli;

import dev.rerank4j.Rerank4jException;
import dev.rerank4j.RunInterruptedException;
import dev.rerank4j.StopSignal;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rerank4j} command: one subcommand per job. Exit codes: 0 success, 2 bad usage or bad input (a flag, a
 * file, a model directory), 1 any other failure, 130 / 143 stopped by Ctrl-C ({@code SIGINT}) / {@code SIGTERM} at a
 * safe point (see {@link Interrupts}). Errors print one message; {@code --verbose} adds the stack trace.
 */
@Command(
        name = "rerank4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Train, evaluate, mine data for and serve reranker (cross-encoder) models.",
        subcommands = {
            PredictCommand.class,
            RankCommand.class,
            EvalCommand.class,
            MineCommand.class,
            TrainCommand.class,
            ServeCommand.class,
            RecipeCommand.class,
            PushCommand.class,
            ExportCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    /** Exit code of bad usage or bad input. */
    public static final int BAD_INPUT = 2;
    /** Exit code of any other failure. */
    public static final int FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final StopSignal stopSignal;

    Main(StopSignal stopSignal) {
        this.stopSignal = stopSignal;
    }

    /** What the commands poll at their safe points (between steps, batches, chunks). */
    StopSignal stopSignal() {
        return stopSignal;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "missing a command (predict, rank, eval, mine, train or serve)");
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        Interrupts interrupts = Interrupts.install();
        int code;
        try {
            code = run(interrupts.signal(), args);
        } finally {
            interrupts.finished();
        }
        System.exit(code);
    }

    /** Runs the command line and returns its exit code, without exiting or handling signals (for tests). */
    public static int run(String... args) {
        return run(StopSignal.never(), args);
    }

    /** Runs the command line, stopping at the next safe point once {@code stop} asks; returns the exit code. */
    static int run(StopSignal stop, String... args) {
        CommandLine cli = new CommandLine(new Main(stop));
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setParameterExceptionHandler(Main::usageError);
        return cli.execute(args);
    }

    /**
     * A bad command line: the error and one line pointing to the command's {@code --help} (not the whole help text,
     * which hides the error). An unknown option close to a known one also gets picocli's suggestion.
     */
    static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String command = cmd.getCommandSpec().qualifiedName();
        String suggestion = "";
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getSuggestions().isEmpty()) {
            suggestion = " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
        }
        err.println(command + ": " + oneLine(message(e)) + suggestion);
        err.println("Run '" + command + " --help' for the options.");
        err.flush();
        return BAD_INPUT;
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (e instanceof RunInterruptedException stopped) {
            err.println("rerank4j " + cmd.getCommandName() + ": " + message(e));
            err.flush();
            return stopped.request().exitStatus();
        }
        boolean badInput = exitCode(e) == BAD_INPUT;
        if (verbose(parsed)) {
            err.println("rerank4j " + cmd.getCommandName() + ": " + message(e));
            e.printStackTrace(err);
        } else {
            err.println("rerank4j " + cmd.getCommandName() + ": " + oneLine(message(e))
                    + (badInput ? "" : " (run with --verbose for the stack trace)"));
        }
        err.flush();
        return badInput ? BAD_INPUT : FAILURE;
    }

    /**
     * The exit code of a failed command: a stopped run exits with its signal's status (130 for SIGINT, 143 for
     * SIGTERM); {@link Rerank4jException}s say whose fault they are ({@code 2} for bad input, {@code 1} for a failure); an {@link IllegalArgumentException} is how values (records, options) reject a setting
     * and picocli's {@link CommandLine.ParameterException} a bad command line ({@code 2}); anything else is {@code 1}.
     */
    static int exitCode(Throwable e) {
        if (e instanceof RunInterruptedException stopped) {
            return stopped.request().exitStatus();
        }
        if (e instanceof Rerank4jException r) {
            return r.isUserError() ? BAD_INPUT : FAILURE;
        }
        return e instanceof IllegalArgumentException || e instanceof CommandLine.ParameterException
                ? BAD_INPUT
                : FAILURE;
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
