package dev.rerank4j.cli;

import dev.rerank4j.hub.HubClient;
import dev.rerank4j.recipe.PlannedStage;
import dev.rerank4j.recipe.Recipe;
import dev.rerank4j.recipe.RecipeConfig;
import dev.rerank4j.recipe.RecipeConfigs;
import dev.rerank4j.recipe.RecipeOptions;
import dev.rerank4j.report.EvaluationComparison;
import dev.rerank4j.report.RunReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code rerank4j recipe}: the blog's whole recipe (load, split, mine, train, evaluate, report) as one command. */
@Command(
        name = "recipe",
        mixinStandardHelpOptions = true,
        description = {
            "Run the reranker recipe of a YAML file: load question-answer pairs, split them by group, mine hard"
                    + " negatives and a top-k evaluation set with an embedding model, evaluate the base model, train,"
                    + " evaluate the best model, and write report.json in the run folder.",
            "Every stage is reused when the run folder holds its output with the same inputs: run it again after a"
                    + " crash or a change of training arguments and the mining is not redone.",
            "Any value can be overridden by its dotted key: --train.max_steps 100, --split.eval_size 200."
        },
        footer = {
            "",
            "Ctrl-C or SIGTERM stops at the next safe point (training writes a checkpoint and resumes from it on the"
                    + " next run) and exits with 130 / 143.",
            "",
            "Examples:",
            "  rerank4j recipe --config examples/recipe-squad-minilm.yaml",
            "  rerank4j recipe --config examples/gooaq-modernbert-bce.yaml --dry-run"
        })
final class RecipeCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main parent;

    @Option(
            names = {"-c", "--config"},
            required = true,
            paramLabel = "FILE",
            description = "The recipe (.yaml).")
    Path config;

    @Option(
            names = "--dry-run",
            description = "Print the plan of every stage (what it would do, what would be reused) and stop: no"
                    + " model or data is loaded, nothing is downloaded.")
    boolean dryRun;

    @Option(names = "--threads", defaultValue = "0", description = "libtorch threads; 0 = one per core.")
    int threads;

    @Mixin
    Verbosity verbosity;

    @Unmatched
    List<String> overrides = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RecipeConfig cfg = RecipeConfigs.load(config, overrides(overrides));
        if (dryRun) {
            System.out.println("rerank4j recipe: plan of " + config + " (run folder " + cfg.outputDir() + ")");
            for (PlannedStage s : Recipe.plan(cfg)) {
                System.out.println("  " + s.toLine());
            }
            return 0;
        }
        RecipeOptions options = RecipeOptions.defaults()
                .withProgress(ConsoleProgress.standardError())
                .withStop(parent.stopSignal())
                .withHub(HubClient.fromEnvironment(ConsoleProgress.standardError()))
                .withThreads(threads)
                .withMessages(m -> System.err.println("rerank4j recipe: " + m));
        RunReport report = Recipe.run(cfg, options);
        for (EvaluationComparison e : report.evaluations()) {
            String m = e.primaryMetric();
            System.err.printf(
                    Locale.ROOT,
                    "rerank4j recipe: %s %s: first stage %.4f, before %.4f, after %.4f%n",
                    e.name(),
                    m,
                    e.firstStage().getOrDefault(m, Double.NaN),
                    e.before().getOrDefault(m, Double.NaN),
                    e.after().getOrDefault(m, Double.NaN));
        }
        System.err.println("rerank4j recipe: report in " + cfg.outputDir().resolve("report.json"));
        return 0;
    }

    /** {@code --key value} and {@code --key=value} pairs, in order (a later one wins). */
    private Map<String, String> overrides(List<String> args) {
        return ConfigOverrides.parse(spec.commandLine(), args, "a recipe value", "100");
    }
}
