package dev.rerank4j.cli;

import dev.rerank4j.RunInterruptedException;
import dev.rerank4j.hub.HubClient;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.train.TrainingInterruptedException;
import dev.rerank4j.train.TrainingResult;
import dev.rerank4j.train.config.TrainConfig;
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

/** {@code rerank4j train}: fine-tunes a cross-encoder as a config file describes. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Fine-tune a cross-encoder with the datasets, loss and training arguments of a YAML or JSON config file"
                    + " (sentence-transformers' CrossEncoderTrainer, with its argument names).",
            "Any config value can be overridden on the command line: --learning_rate 3e-5, --num-train-epochs 2,"
                    + " --train_dataset.limit 1000, --loss.pos_weight 5 (values are read as YAML)."
        },
        footer = {
            "",
            "Writes output_dir/checkpoint-N/ (resumable with --resume_from_checkpoint true), output_dir/final/"
                    + " (and best/ with load_best_model_at_end), metrics.jsonl and training.png.",
            "Ctrl-C or SIGTERM stops after the current step, writes a checkpoint of it, prints the command that"
                    + " resumes from it and exits with 130 / 143.",
            "",
            "Example:",
            "  rerank4j train --config examples/train-wikiqa-bce.yaml --max_steps 100"
        })
final class TrainCommand implements Callable<Integer> {
    private static final String RESUME = "resume_from_checkpoint";

    @CommandLine.ParentCommand
    Main parent;

    @Option(
            names = {"-c", "--config"},
            required = true,
            paramLabel = "FILE",
            description = "The training config (.yaml, .yml or .json).")
    Path config;

    @Mixin
    Verbosity verbosity;

    @Unmatched
    List<String> overrides = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TrainConfig cfg = TrainConfig.load(config, overrides(overrides));
        OutputPaths.directory("output_dir", cfg.args().outputDir());
        try (CrossEncoder model = cfg.loadModel()) {
            TrainingResult r;
            try {
                r = cfg.trainer(model, HubClient.fromEnvironment(ConsoleProgress.standardError()))
                        .stopSignal(parent.stopSignal())
                        .progress(ConsoleProgress.standardError())
                        .build()
                        .train();
            } catch (TrainingInterruptedException e) {
                throw new RunInterruptedException(e.request(), e.getMessage() + resumeHint(e));
            }
            if (r.samplesPerSecond() == 0 && r.globalStep() > 0) {
                // A resumed run whose checkpoint had already done every step: no rate to report.
                System.err.printf(
                        Locale.ROOT,
                        "rerank4j: nothing was left to train: the run had already done all %d steps (%.2f epochs)%n",
                        r.globalStep(),
                        r.epoch());
            } else {
                System.err.printf(
                        Locale.ROOT,
                        "rerank4j: trained %d steps (%.2f epochs) in %.1f s, %.1f samples/s, mean loss %.4f%s%n",
                        r.globalStep(),
                        r.epoch(),
                        r.runtimeSeconds(),
                        r.samplesPerSecond(),
                        r.trainLoss(),
                        r.stoppedEarly() ? " (stopped early)" : "");
            }
            lastEvaluation(r).ifPresent(line -> System.err.println("rerank4j: " + line));
            System.err.println("rerank4j: final model in " + r.finalModel()
                    + (r.bestModel().equals(r.finalModel()) ? "" : ", best model in " + r.bestModel()));
        }
        return 0;
    }

    /** The metrics of the last evaluation, e.g. {@code evaluation at step 1273: eval_loss 0.2311, eval_dev_map 0.7400}. */
    static java.util.Optional<String> lastEvaluation(TrainingResult r) {
        Map<String, Number> last = r.lastEvaluation();
        if (last.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        last.forEach((key, value) -> {
            if (!key.equals("step")) {
                parts.add(String.format(Locale.ROOT, "%s %.4f", key, value.doubleValue()));
            }
        });
        return java.util.Optional.of("evaluation at step " + last.get("step") + ": " + String.join(", ", parts));
    }

    /** The exact command that resumes an interrupted run: this one, resuming from the checkpoint named. */
    private String resumeHint(TrainingInterruptedException e) {
        if (e.checkpoint().isEmpty()) {
            return "";
        }
        List<String> words = new ArrayList<>(List.of("rerank4j", "train", "--config", config.toString()));
        overrides(overrides).forEach((key, value) -> {
            if (!key.replace('-', '_').equals(RESUME)) {
                words.add("--" + key);
                words.add(value);
            }
        });
        words.add("--" + RESUME);
        words.add(e.checkpoint().get().toString());
        return "; resume with: "
                + String.join(" ", words.stream().map(TrainCommand::shellWord).toList());
    }

    /** A word as a POSIX shell reads it back: as it is when plain, else in single quotes. */
    static String shellWord(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_./=:@%+,-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** {@code --key value} and {@code --key=value} pairs, in order (a later one wins). */
    private Map<String, String> overrides(List<String> args) {
        return ConfigOverrides.parse(spec.commandLine(), args, "a config value", "true");
    }
}
