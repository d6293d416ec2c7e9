package dev.rerank4j.spark;

import dev.rerank4j.Rerank4jException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code spark-submit} entry point: {@code mine}, {@code score}, {@code encode} and {@code eval} over parquet,
 * JSON Lines or CSV/TSV tables. Exit codes as the rerank4j command line: 0 success, 2 bad usage or input, 1 failure.
 */
@Command(
        name = "rerank4j-spark",
        mixinStandardHelpOptions = true,
        subcommands = {MineCommand.class, ScoreCommand.class, EncodeCommand.class, EvalCommand.class},
        description = "rerank4j on Apache Spark: mine hard negatives, score pairs, encode texts, evaluate a reranker.")
public final class Main implements Callable<Integer> {
    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs a command line and returns its exit code (no {@code System.exit}), for tests and embedding. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            Throwable cause = rootRerank4j(e);
            err.println("rerank4j-spark " + line.getCommandName() + ": " + cause.getMessage());
            return cause instanceof Rerank4jException r && r.isUserError() ? 2 : 1;
        });
        return cli.execute(args);
    }

    /** The first rerank4j exception in the chain (Spark wraps a task's exception in its own), else {@code e}. */
    private static Throwable rootRerank4j(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Rerank4jException) {
                return t;
            }
        }
        return e;
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return 2;
    }
}
