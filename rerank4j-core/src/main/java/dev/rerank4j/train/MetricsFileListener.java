package dev.rerank4j.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Appends every log entry as one JSON line to {@code output_dir/metrics.jsonl}. At the start of a run the file is
 * rewritten from the log history, so after a resume it holds exactly the resumed checkpoint's history and what follows.
 */
final class MetricsFileListener implements TrainerListener {
    static final String FILE = "metrics.jsonl";

    @Override
    public void onTrainBegin(TrainerContext ctx) {
        Path file = ctx.args().outputDir().resolve(FILE);
        try {
            Files.createDirectories(ctx.args().outputDir());
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (Map<String, Object> entry : ctx.state().logHistory()) {
                    w.write(TrainerState.JSON
                            .writer()
                            .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(entry));
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw TrainingRun.unchecked("cannot write " + file, e);
        }
    }

    @Override
    public void onLog(TrainerContext ctx, Map<String, Object> entry) {
        Path file = ctx.args().outputDir().resolve(FILE);
        try {
            String line = TrainerState.JSON
                            .writer()
                            .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(entry)
                    + "\n";
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw TrainingRun.unchecked("cannot append to " + file, e);
        }
    }
}
