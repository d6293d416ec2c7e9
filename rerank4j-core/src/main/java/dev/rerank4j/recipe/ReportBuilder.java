package dev.rerank4j.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rerank4j.report.DataSummary;
import dev.rerank4j.report.EvaluationComparison;
import dev.rerank4j.report.LogEntry;
import dev.rerank4j.report.MiningSummary;
import dev.rerank4j.report.QueryExample;
import dev.rerank4j.report.QueryExample.RankedCandidate;
import dev.rerank4j.report.RunReport;
import dev.rerank4j.report.StageTiming;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/** Builds the {@link RunReport} of a run from what its stages wrote into the run folder. */
final class ReportBuilder {
    private static final int SHOWN = 10;

    private ReportBuilder() {}

    static RunReport build(RecipeConfig c, Stages s, List<StageTiming> timings, List<String> recipeNotes)
            throws IOException {
        List<String> notes = new ArrayList<>(recipeNotes);
        EvaluationStage.Outcome before =
                RunFiles.JSON.readValue(s.evaluation("evaluate-before").toFile(), EvaluationStage.Outcome.class);
        EvaluationStage.Outcome after =
                RunFiles.JSON.readValue(s.evaluation("evaluate-after").toFile(), EvaluationStage.Outcome.class);
        Set<String> seen = new LinkedHashSet<>(notes);
        before.notes().forEach(seen::add);
        after.notes().forEach(seen::add);
        List<EvaluationComparison> comparisons = new ArrayList<>();
        for (EvaluationStage.Figures a : after.figures()) {
            // a benchmark not run before training (evaluate.beir_before: false) has no "before" figures
            Map<String, Double> beforeModel = before.figures().stream()
                    .filter(b -> b.name().equals(a.name()))
                    .findFirst()
                    .map(EvaluationStage.Figures::model)
                    .orElse(Map.of());
            comparisons.add(new EvaluationComparison(
                    a.name(), a.domain(), a.primaryMetric(), a.firstStage(), beforeModel, a.model()));
        }
        return new RunReport(
                c.outputDir().toAbsolutePath().normalize().getFileName().toString(),
                Instant.now().toString(),
                c.text(),
                timings,
                data(c, s),
                List.of(mining(s, "mine-train"), mining(s, "mine-eval")),
                training(c.outputDir().resolve("metrics.jsonl")),
                comparisons,
                examples(s, c.evaluate(), before.queryScores(), after.queryScores()),
                List.copyOf(seen));
    }

    private static DataSummary data(RecipeConfig c, Stages s) throws IOException {
        JsonNode split = RunFiles.JSON.readTree(s.splitSummary().toFile());
        List<QaRow> rows = RunFiles.readLines(s.pairs(), QaRow.class);
        return new DataSummary(
                c.data().path(),
                QaData.licence(c.data()),
                c.data().group().isEmpty() ? "question" : c.data().group(),
                c.split().seed(),
                split.path("train_queries").asInt(),
                split.path("train_pairs").asInt(),
                split.path("eval_queries").asInt(),
                Recipe.corpus(rows).size());
    }

    private static MiningSummary mining(Stages s, String stage) throws IOException {
        return RunFiles.JSON.readValue(
                s.mined(stage).resolve(MiningStage.SUMMARY_FILE).toFile(), MiningSummary.class);
    }

    /** The trainer's {@code metrics.jsonl}: one entry per line with a step. */
    static List<LogEntry> training(Path metrics) throws IOException {
        List<LogEntry> out = new ArrayList<>();
        if (!Files.isRegularFile(metrics)) {
            return out;
        }
        for (String line : Files.readAllLines(metrics, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = RunFiles.JSON.readTree(line);
            Map<String, Double> values = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> {
                if (e.getValue().isNumber()
                        && !e.getKey().equals("step")
                        && !e.getKey().equals("epoch")) {
                    values.put(e.getKey(), e.getValue().doubleValue());
                }
            });
            out.add(new LogEntry(n.path("step").asLong(), n.path("epoch").asDouble(), values));
        }
        return out;
    }

    /**
     * The evaluation queries whose first relevant document training moved up the most (ties: file order), with their
     * top candidates by the first stage, the base model and the trained model.
     */
    static List<QueryExample> examples(Stages s, EvaluateSpec spec, List<List<Float>> before, List<List<Float>> after)
            throws IOException {
        List<JsonNode> samples = new ArrayList<>();
        for (String line : Files.readAllLines(s.mined("mine-eval").resolve(MiningStage.EVAL_FILE))) {
            if (!line.isBlank()) {
                samples.add(RunFiles.JSON.readTree(line));
            }
        }
        int n = Math.min(samples.size(), Math.min(before.size(), after.size()));
        List<Integer> order = IntStream.range(0, n)
                .boxed()
                .sorted(Comparator.comparingInt((Integer q) -> -gain(samples.get(q), after.get(q))))
                .limit(spec.examples())
                .toList();
        List<QueryExample> out = new ArrayList<>();
        for (int q : order) {
            JsonNode sample = samples.get(q);
            Set<String> positives = new HashSet<>();
            sample.path("positive").forEach(p -> positives.add(p.asText()));
            List<String> docs = new ArrayList<>();
            sample.path("documents").forEach(d -> docs.add(d.asText()));
            List<Float> first = new ArrayList<>();
            sample.path("first_stage_scores").forEach(f -> first.add(f.floatValue()));
            out.add(new QueryExample(
                    spec.name(),
                    sample.path("query").asText(),
                    ranked(docs, first, positives, false),
                    ranked(docs, before.get(q), positives, true),
                    ranked(docs, after.get(q), positives, true)));
        }
        return out;
    }

    /** The first-stage rank of the first relevant document minus the trained model's (bigger = more gained). */
    private static int gain(JsonNode sample, List<Float> after) {
        Set<String> positives = new HashSet<>();
        sample.path("positive").forEach(p -> positives.add(p.asText()));
        List<String> docs = new ArrayList<>();
        sample.path("documents").forEach(d -> docs.add(d.asText()));
        int firstRank = docs.size();
        for (int i = 0; i < docs.size(); i++) {
            if (positives.contains(docs.get(i))) {
                firstRank = i;
                break;
            }
        }
        if (firstRank == docs.size()) {
            return Integer.MIN_VALUE / 2; // the first stage missed every positive: nothing to show
        }
        float positive = after.get(firstRank);
        int afterRank = 0;
        for (float f : after) {
            afterRank += f > positive ? 1 : 0;
        }
        return firstRank - afterRank;
    }

    private static List<RankedCandidate> ranked(
            List<String> docs, List<Float> scores, Set<String> positives, boolean sort) {
        List<Integer> idx = new ArrayList<>(
                IntStream.range(0, Math.min(docs.size(), scores.size())).boxed().toList());
        if (sort) {
            idx.sort(Comparator.comparingDouble((Integer i) -> -scores.get(i)));
        }
        List<RankedCandidate> out = new ArrayList<>();
        for (int i : idx.subList(0, Math.min(SHOWN, idx.size()))) {
            out.add(new RankedCandidate(docs.get(i), scores.get(i), positives.contains(docs.get(i))));
        }
        return out;
    }
}
