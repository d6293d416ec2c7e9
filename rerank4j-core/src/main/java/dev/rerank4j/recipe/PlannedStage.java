package dev.rerank4j.recipe;

import java.util.Locale;
import java.util.Objects;

/**
 * One stage of a run's plan ({@code --dry-run}).
 *
 * @param name the stage
 * @param fingerprint the fingerprint of its inputs
 * @param reuse whether the run folder holds its output with that fingerprint (it would be reused)
 * @param what what it does
 */
public record PlannedStage(String name, String fingerprint, boolean reuse, String what) {
    public PlannedStage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(what, "what");
    }

    /** The plan line: {@code mine-train  run    3f2a...  hard negatives ...}. */
    public String toLine() {
        return String.format(Locale.ROOT, "%-16s %-6s %s  %s", name, reuse ? "reuse" : "run", fingerprint, what);
    }

    static String describe(String name, RecipeConfig c, Stages s) {
        DataSpec d = c.data();
        MineSpec m = c.mine();
        return switch (name) {
            case "load" ->
                "read " + d.path() + " (question: " + d.question() + ", answer: " + d.answer() + ", group: "
                        + (d.group().isEmpty() ? "the question" : d.group())
                        + (d.limit() > 0 ? ", first " + d.limit() + " rows" : "") + ") into " + s.pairs();
            case "split" ->
                "hold out "
                        + (c.split().evalSize() < 1
                                ? c.split().evalSize() * 100 + "% of the"
                                : (long) c.split().evalSize())
                        + " questions by group, seed " + c.split().seed()
                        + (c.split().trainSize() > 0 ? ", keep " + c.split().trainSize() + " training questions" : "")
                        + " into " + s.trainSplit().getParent();
            case "mine-train" ->
                "mine " + m.train().numNegatives() + " hard negatives per training question with "
                        + m.model() + " (" + m.train().outputFormat().configName() + ", range_max "
                        + m.train().rangeMax().stream()
                                .mapToObj(Integer::toString)
                                .findFirst()
                                .orElse("default")
                        + ") into " + s.mined("mine-train");
            case "mine-eval" ->
                "mine the top " + m.evalTopK() + " documents of every evaluation question"
                        + (m.includePositives() ? " (positives included)" : "") + " among all answers into "
                        + s.mined("mine-eval");
            case "evaluate-before" ->
                "evaluate " + c.trainModel() + " on the mined evaluation set (realistic and all" + " positives)"
                        + (c.evaluate().beir().isEmpty()
                                ? ""
                                : " and BEIR " + c.evaluate().beir());
            case "train" ->
                "train " + c.trainModel() + " on the mined training pairs into " + c.outputDir()
                        + " (checkpoints, best/, final/, metrics.jsonl)";
            case "evaluate-after" -> "evaluate the best model the same way";
            case "report" -> "write " + c.outputDir().resolve("report.json");
            default -> throw new IllegalArgumentException("no stage " + name);
        };
    }
}
