package dev.rerank4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.RankOptions;
import dev.rerank4j.RankedDocument;
import dev.rerank4j.data.DataFormatException;
import dev.rerank4j.data.TextFiles;
import dev.rerank4j.model.CrossEncoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rerank4j rank}: ranks the documents of a file for one query. */
@Command(
        name = "rank",
        mixinStandardHelpOptions = true,
        description = {
            "Rank documents for a query with a cross-encoder, best first.",
            "Documents: a text file with one document per line (blank lines skipped). Output: a table of rank, score, "
                    + "document number (1-based, blank lines skipped) and text, or JSON with --json."
        },
        footer = {
            "",
            "Example:",
            "  rerank4j rank --model cross-encoder/ms-marco-MiniLM-L6-v2 --query \"how many people live in berlin\" --documents docs.txt --top-k 5"
        })
final class RankCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main parent;

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final int SHOWN_CHARS = 100;

    @Mixin
    ModelOptions model;

    @Mixin
    PromptOptions prompt;

    @Mixin
    Verbosity verbosity;

    @Option(
            names = {"-q", "--query"},
            required = true,
            description = "The query.")
    String query;

    @Option(
            names = {"-d", "--documents"},
            required = true,
            paramLabel = "FILE",
            description = "One document per line.")
    Path documents;

    @Option(
            names = {"-k", "--top-k"},
            defaultValue = "10",
            description = "How many documents to show; 0 = all. Default: ${DEFAULT-VALUE}.")
    int topK;

    @Option(
            names = {"-b", "--batch-size"},
            defaultValue = "32",
            description = "Pairs per forward pass. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--json", description = "Print JSON ([{\"corpus_id\", \"score\", \"text\"}]) instead of a table.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (topK < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top-k must be >= 0 (0 = all), got " + topK);
        }
        List<String> docs = readDocuments(documents);
        List<RankedDocument> ranked;
        try (CrossEncoder encoder = model.load()) {
            ranked = encoder.rank(
                    query,
                    docs,
                    RankOptions.defaults()
                            .withTopK(topK)
                            .withDocuments(true)
                            .withPredict(prompt.apply(
                                    PredictOptions.defaults()
                                            .withBatchSize(batchSize)
                                            .withProgress(ProgressMode.AUTO)
                                            .withStop(parent.stopSignal())
                                            .withListener(ConsoleProgress.standardError()),
                                    encoder)));
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        if (json) {
            ArrayNode arr = JSON.createArrayNode();
            ranked.forEach(r -> arr.addObject()
                    .put("corpus_id", r.corpusId())
                    .put("score", r.score())
                    .put("text", r.text().orElse("")));
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
        } else {
            out.printf("%4s  %-10s  %5s  %s%n", "rank", "score", "doc", "text");
            for (int i = 0; i < ranked.size(); i++) {
                RankedDocument r = ranked.get(i);
                String text = r.text().orElse("");
                out.printf(
                        "%4d  %-10.6f  %5d  %s%n",
                        i + 1,
                        r.score(),
                        r.corpusId() + 1,
                        text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS - 3) + "..." : text);
            }
        }
        out.flush();
        return 0;
    }

    /** The non-blank lines, read as the data readers do: UTF-8 checked per line, {@code .gz} unpacked. */
    private static List<String> readDocuments(Path file) throws IOException {
        List<String> docs = new ArrayList<>();
        TextFiles.forEachLine(file, (line, number) -> {
            if (!line.isBlank()) {
                docs.add(line);
            }
        });
        if (docs.isEmpty()) {
            throw new DataFormatException(file, 0, "holds no document (one per line expected)");
        }
        return docs;
    }
}
