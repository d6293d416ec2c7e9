package dev.rerank4j.recipe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fingerprints of a recipe's stages, computed from the config alone (the data's and local models' content, every
 * option, and the previous stages' fingerprints) without loading models or parsing data, and the folders they
 * write. Shared by {@link Recipe#run} and {@link Recipe#plan}.
 *
 * @param fingerprints stage name to fingerprint, in stage order
 * @param run the run folder
 */
record Stages(Map<String, String> fingerprints, Path run) {
    static final List<String> NAMES =
            List.of("load", "split", "mine-train", "mine-eval", "evaluate-before", "train", "evaluate-after", "report");

    static Stages of(RecipeConfig c) throws IOException {
        DataSpec d = c.data();
        String load = Fingerprints.of(
                "load",
                QaData.fingerprint(d),
                d.path().equals(DataSpec.BUNDLED) ? d.path() : "",
                d.question(),
                d.answer(),
                d.group(),
                String.join(",", d.columnNames()),
                Integer.toString(d.limit()));
        SplitSpec s = c.split();
        String split = Fingerprints.of(
                "split", load, Double.toString(s.evalSize()), Integer.toString(s.trainSize()), Long.toString(s.seed()));
        MineSpec m = c.mine();
        String miner = Fingerprints.model(m.model(), m.revision());
        String mineSettings = m.search() + ",max_seq_length=" + m.maxSeqLength();
        String mineTrain = Fingerprints.of(
                "mine-train", split, miner, mineSettings, m.train().toString());
        String mineEval = Fingerprints.of(
                "mine-eval", split, miner, mineSettings, m.eval().toString());
        Object revision = c.train().getOrDefault("revision", "main");
        String reranker = Fingerprints.model(c.trainModel(), String.valueOf(revision));
        String evaluate = c.evaluate().toString();
        String maxLength = String.valueOf(c.train().getOrDefault("max_length", 0));
        String before = Fingerprints.of("evaluate-before", mineEval, reranker, maxLength, evaluate);
        String train = Fingerprints.of(
                "train",
                mineTrain,
                mineEval,
                reranker,
                RunFiles.JSON.writeValueAsString(c.train()),
                Integer.toString(m.train().numNegatives()),
                c.outputDir().toAbsolutePath().toString());
        String after = Fingerprints.of("evaluate-after", train, mineEval, maxLength, evaluate);
        Map<String, String> fp = new LinkedHashMap<>();
        fp.put("load", load);
        fp.put("split", split);
        fp.put("mine-train", mineTrain);
        fp.put("mine-eval", mineEval);
        fp.put("evaluate-before", before);
        fp.put("train", train);
        fp.put("evaluate-after", after);
        fp.put("report", Fingerprints.of("report", before, after, c.text()));
        return new Stages(fp, c.outputDir());
    }

    String fingerprint(String stage) {
        return fingerprints.get(stage);
    }

    Path pairs() {
        return run.resolve("data").resolve("pairs.jsonl");
    }

    Path trainSplit() {
        return run.resolve("split").resolve("train.jsonl");
    }

    Path evalSplit() {
        return run.resolve("split").resolve("eval.jsonl");
    }

    Path splitSummary() {
        return run.resolve("split").resolve("summary.json");
    }

    /** {@code mined/<fingerprint>/} of a mining stage. */
    Path mined(String stage) {
        return run.resolve("mined").resolve(fingerprint(stage));
    }

    Path evaluation(String stage) {
        return run.resolve("eval").resolve(stage.equals("evaluate-before") ? "before.json" : "after.json");
    }

    Path best() {
        Path best = run.resolve("best");
        return Files.isDirectory(best) ? best : run.resolve("final");
    }

    /** The files whose presence says that a stage's output is there. */
    boolean outputsExist(String stage) {
        return switch (stage) {
            case "load" -> Files.isRegularFile(pairs());
            case "split" ->
                Files.isRegularFile(trainSplit())
                        && Files.isRegularFile(evalSplit())
                        && Files.isRegularFile(splitSummary());
            case "mine-train", "mine-eval" -> Files.isRegularFile(mined(stage).resolve(MiningStage.SUMMARY_FILE));
            case "evaluate-before", "evaluate-after" -> Files.isRegularFile(evaluation(stage));
            case "train" -> Files.isDirectory(run.resolve("final"));
            case "report" -> Files.isRegularFile(run.resolve("report.json"));
            default -> throw new IllegalArgumentException("no stage " + stage);
        };
    }
}
