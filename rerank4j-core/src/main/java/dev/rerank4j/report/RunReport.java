package dev.rerank4j.report;

import java.util.List;
import java.util.Objects;

/**
 * Everything a recipe run's report shows: the config, each stage's time, the data split, the mining statistics, the
 * training log, the evaluations before and after training (with the first stage's figures), and example queries.
 *
 * @param title the run's name, e.g. the output folder's name
 * @param createdAt when the report was written, ISO-8601 (UTC)
 * @param configText the recipe config as run (YAML text, overrides applied)
 * @param stages the stages in order, with their wall time and whether a cached output was reused
 * @param data the dataset and its split
 * @param mining one entry per mined set (e.g. {@code train}, {@code eval})
 * @param training the training log ({@code metrics.jsonl} entries, in step order); empty when training did not run
 * @param evaluations one entry per evaluator, before and after training
 * @param examples a few evaluation queries with their candidates ranked before and after training
 * @param notes warnings and remarks for the reader, in order
 */
public record RunReport(
        String title,
        String createdAt,
        String configText,
        List<StageTiming> stages,
        DataSummary data,
        List<MiningSummary> mining,
        List<LogEntry> training,
        List<EvaluationComparison> evaluations,
        List<QueryExample> examples,
        List<String> notes) {

    public RunReport {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(configText, "configText");
        Objects.requireNonNull(data, "data");
        stages = List.copyOf(stages);
        mining = List.copyOf(mining);
        training = List.copyOf(training);
        evaluations = List.copyOf(evaluations);
        examples = List.copyOf(examples);
        notes = List.copyOf(notes);
    }
}
