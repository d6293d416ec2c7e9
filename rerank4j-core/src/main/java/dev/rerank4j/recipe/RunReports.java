package dev.rerank4j.recipe;

import dev.rerank4j.report.RunReport;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code report.json}: a {@link RunReport} as indented JSON, field names as the records name them; NaN (a metric
 * without a value) is written as the string {@code "NaN"}. Written atomically.
 */
public final class RunReports {
    private RunReports() {}

    /** Writes the report to {@code file}. */
    public static void writeJson(RunReport report, Path file) throws IOException {
        RunFiles.writeJson(file, report);
    }

    /** Reads a report written by {@link #writeJson}. */
    public static RunReport readJson(Path file) throws IOException {
        return RunFiles.JSON.readValue(file.toFile(), RunReport.class);
    }
}
