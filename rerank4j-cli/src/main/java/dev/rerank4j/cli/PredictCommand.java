package dev.rerank4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.TextPair;
import dev.rerank4j.data.PairFile;
import dev.rerank4j.model.CrossEncoder;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rerank4j predict}: scores every (query, document) pair of a file. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {
            "Score every (query, document) pair of a file with a cross-encoder.",
            "Input: JSON Lines with \"query\" and \"document\" fields, or TSV with the query and document in the "
                    + "first two columns (or named by a header line). Output: one JSON line per pair, in input order: "
                    + "{\"index\": 0, \"score\": 0.97} (\"scores\": [...] for models with several labels)."
        },
        footer = {
            "",
            "Example:",
            "  rerank4j predict --model cross-encoder/ms-marco-MiniLM-L6-v2 --input pairs.jsonl --output scores.jsonl"
        })
final class PredictCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main parent;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ModelOptions model;

    @Mixin
    PromptOptions prompt;

    @Mixin
    Verbosity verbosity;

    @Option(
            names = {"-i", "--input"},
            required = true,
            paramLabel = "FILE",
            description = "Pairs: .jsonl or .tsv (optionally .gz).")
    Path input;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Where to write the scores (JSON Lines); default: standard output.")
    Path output;

    @Option(
            names = "--query-field",
            defaultValue = "query",
            description = "JSON field or TSV column (name or 1-based number) of the query. Default: ${DEFAULT-VALUE}.")
    String queryField;

    @Option(
            names = "--document-field",
            defaultValue = "document",
            description =
                    "JSON field or TSV column (name or 1-based number) of the document. Default: ${DEFAULT-VALUE}.")
    String documentField;

    @Option(
            names = {"-b", "--batch-size"},
            defaultValue = "32",
            description = "Pairs per forward pass. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--softmax", description = "Apply a softmax over the labels (models with several labels).")
    boolean softmax;

    @Option(
            names = "--no-progress",
            description = "Do not show a progress bar (shown by default on a terminal for long inputs).")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        if (output != null) {
            OutputPaths.file("--output", output);
            OutputPaths.notAnInput("--output", output, "--input", input);
        }
        List<TextPair> pairs = PairFile.read(input, queryField, documentField);
        PredictOptions options = PredictOptions.defaults()
                .withBatchSize(batchSize)
                .withSoftmax(softmax)
                .withProgress(noProgress ? ProgressMode.OFF : ProgressMode.AUTO)
                .withStop(parent.stopSignal())
                .withListener(ConsoleProgress.standardError());
        float[][] scores;
        try (CrossEncoder encoder = model.load()) {
            scores = encoder.predictLabels(pairs, prompt.apply(options, encoder));
        }
        try (AtomicOutput sink = AtomicOutput.open(output)) {
            Writer out = sink.writer();
            for (int i = 0; i < scores.length; i++) {
                ObjectNode row = JSON.createObjectNode().put("index", i);
                if (scores[i].length == 1) {
                    row.put("score", scores[i][0]);
                } else {
                    var arr = row.putArray("scores");
                    for (float s : scores[i]) {
                        arr.add(s);
                    }
                }
                out.write(JSON.writeValueAsString(row));
                out.write('\n');
            }
            sink.commit();
        }
        if (output != null) {
            System.err.println("rerank4j: wrote " + scores.length + " scores to " + output);
        }
        return 0;
    }
}
