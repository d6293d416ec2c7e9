package dev.rerank4j.recipe;

import dev.rerank4j.embed.EmbeddingModel;
import dev.rerank4j.embed.EmbeddingOptions;
import dev.rerank4j.eval.RerankPositives;
import dev.rerank4j.eval.RerankingEvaluator;
import dev.rerank4j.eval.RerankingOptions;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.report.HtmlReport;
import dev.rerank4j.report.MiningSummary;
import dev.rerank4j.report.RunReport;
import dev.rerank4j.report.RunReportJson;
import dev.rerank4j.report.StageTiming;
import dev.rerank4j.train.TrainingResult;
import dev.rerank4j.train.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs a recipe: {@code load → split → mine-train → mine-eval → evaluate-before → train → evaluate-after → report},
 * each stage skipped when the run folder holds its output with the same fingerprint (see {@link Stages}). Between
 * stages and inside each at its safe points the stop signal is polled; a stopped run keeps every finished stage (and
 * training's last checkpoint, resumed from on the next run with the same training fingerprint).
 */
public final class Recipe {
    private final RecipeConfig config;
    private final RecipeOptions options;
    private final Stages stages;
    private final StageLedger ledger;
    private final List<StageTiming> timings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private EmbeddingModel embedder;

    private Recipe(RecipeConfig config, RecipeOptions options, Stages stages, StageLedger ledger) {
        this.config = config;
        this.options = options;
        this.stages = stages;
        this.ledger = ledger;
    }

    /**
     * Runs every stage, reusing those already done, and returns the report (also written as {@code report.json}).
     *
     * @throws dev.rerank4j.RunInterruptedException when the stop signal fired; finished stages are kept
     */
    public static RunReport run(RecipeConfig config, RecipeOptions options) throws IOException {
        Files.createDirectories(config.outputDir());
        RunFiles.writeString(config.outputDir().resolve("recipe.yaml"), config.text());
        Recipe r = new Recipe(config, options, Stages.of(config), StageLedger.open(config.outputDir()));
        try {
            return r.runStages();
        } finally {
            r.closeEmbedder();
        }
    }

    /**
     * The plan of a run, without loading models or data: per stage, its fingerprint and whether its output would be
     * reused.
     */
    public static List<PlannedStage> plan(RecipeConfig config) throws IOException {
        Stages s = Stages.of(config);
        StageLedger ledger = StageLedger.open(config.outputDir());
        List<PlannedStage> out = new ArrayList<>();
        for (String name : Stages.NAMES) {
            String fp = s.fingerprint(name);
            boolean reuse = !name.equals("report") && reusable(s, ledger, name);
            out.add(new PlannedStage(name, fp, reuse, PlannedStage.describe(name, config, s)));
        }
        return out;
    }

    private static boolean reusable(Stages s, StageLedger ledger, String name) {
        boolean mined = name.startsWith("mine-");
        return s.outputsExist(name)
                && (mined || ledger.finished(name, s.fingerprint(name)).isPresent());
    }

    private RunReport runStages() throws IOException {
        stage("load", () -> {
            List<QaRow> rows = QaData.read(config.data(), options.hub());
            RunFiles.writeLines(stages.pairs(), rows);
            return String.format(
                    Locale.ROOT,
                    "%,d question-answer pairs from %s",
                    rows.size(),
                    config.data().path());
        });
        List<QaRow> rows = RunFiles.readLines(stages.pairs(), QaRow.class);
        stage("split", () -> split(rows));
        List<QaRow> train = RunFiles.readLines(stages.trainSplit(), QaRow.class);
        List<QaRow> eval = RunFiles.readLines(stages.evalSplit(), QaRow.class);
        stage(
                "mine-train",
                () -> detail(
                        MiningStage.mineTrain(train, config.mine(), embedder(), options, stages.mined("mine-train"))));
        stage(
                "mine-eval",
                () -> detail(MiningStage.mineEval(
                        eval, corpus(rows), config.mine(), embedder(), options, stages.mined("mine-eval"))));
        closeEmbedder();
        Path evalFile = stages.mined("mine-eval").resolve(MiningStage.EVAL_FILE);
        Path trainFile = stages.mined("mine-train").resolve(MiningStage.TRAIN_FILE);
        TrainConfig trainConfig = trainConfig(trainFile);
        stage("evaluate-before", () -> {
            try (CrossEncoder model = trainConfig.loadModel()) {
                return evaluate("evaluate-before", model, evalFile);
            }
        });
        stage("train", () -> train(trainConfig, evalFile));
        stage("evaluate-after", () -> {
            try (CrossEncoder model = CrossEncoder.load(stages.best(), trainConfig.modelOptions())) {
                return evaluate("evaluate-after", model, evalFile);
            }
        });
        long started = System.nanoTime();
        RunReport report = ReportBuilder.build(config, stages, timings, notes);
        RunReportJson.write(report, config.outputDir().resolve("report.json"));
        HtmlReport.write(report, config.outputDir().resolve("report.html"));
        double seconds = (System.nanoTime() - started) / 1e9;
        options.messages()
                .accept(String.format(
                        Locale.ROOT,
                        "report: done in %.1f s, %s",
                        seconds,
                        config.outputDir().resolve("report.json")));
        return report;
    }

    /** A stage body: does the work and returns the one-line detail. */
    @FunctionalInterface
    private interface Body {
        String run() throws IOException;
    }

    private void stage(String name, Body body) throws IOException {
        options.stop().throwIfStopped();
        String fp = stages.fingerprint(name);
        if (reusable(stages, ledger, name)) {
            Optional<StageLedger.Entry> done = ledger.finished(name, fp);
            String detail = done.map(StageLedger.Entry::detail).orElse("mined data found");
            // The report shows what the stage cost when it ran, so a re-run's report still gives the run's times.
            timings.add(
                    new StageTiming(name, done.map(StageLedger.Entry::seconds).orElse(0.0), true, detail));
            options.messages().accept(name + ": reused (" + fp + "), " + detail);
            return;
        }
        options.messages().accept(name + ": running (" + fp + ")");
        long started = System.nanoTime();
        String detail = body.run();
        double seconds = (System.nanoTime() - started) / 1e9;
        ledger.record(name, fp, seconds, detail);
        timings.add(new StageTiming(name, seconds, false, detail));
        options.messages().accept(String.format(Locale.ROOT, "%s: done in %.1f s, %s", name, seconds, detail));
    }

    private String split(List<QaRow> rows) throws IOException {
        GroupSplit s = GroupSplit.of(rows, config.split());
        RunFiles.writeLines(stages.trainSplit(), s.train());
        RunFiles.writeLines(stages.evalSplit(), s.eval());
        Set<String> trainGroups = new LinkedHashSet<>();
        s.train().forEach(r -> trainGroups.add(r.group()));
        Set<String> evalGroups = new LinkedHashSet<>();
        s.eval().forEach(r -> evalGroups.add(r.group()));
        RunFiles.writeJson(
                stages.splitSummary(),
                Map.of(
                        "train_queries", GroupSplit.questions(s.train()),
                        "train_pairs", s.train().size(),
                        "eval_queries", GroupSplit.questions(s.eval()),
                        "eval_pairs", s.eval().size(),
                        "train_groups", trainGroups.size(),
                        "eval_groups", evalGroups.size(),
                        "dropped_leaks", s.droppedLeaks()));
        return String.format(
                Locale.ROOT,
                "%,d training questions (%s), %,d evaluation questions (%s)%s",
                GroupSplit.questions(s.train()),
                groups(trainGroups.size()),
                GroupSplit.questions(s.eval()),
                groups(evalGroups.size()),
                s.droppedLeaks() > 0
                        ? ", " + s.droppedLeaks() + " training rows dropped: their question is an evaluation question"
                        : "");
    }

    private static String groups(int n) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? "group" : "groups");
    }

    /** The distinct answers of all the data: the corpus the evaluation questions are searched in, as the blog's. */
    static List<String> corpus(List<QaRow> rows) {
        Set<String> answers = new LinkedHashSet<>();
        rows.forEach(r -> answers.add(r.answer()));
        return List.copyOf(answers);
    }

    private static String detail(MiningSummary s) {
        return String.format(
                Locale.ROOT,
                "%,d rows for %,d questions from %,d documents (%s)",
                s.outputRows(),
                s.anchors(),
                s.corpusSize(),
                s.source());
    }

    private EmbeddingModel embedder() {
        if (embedder == null) {
            embedder = EmbeddingModel.load(
                    config.mine().model(),
                    config.mine().revision(),
                    EmbeddingOptions.defaults()
                            .withMaxSeqLength(config.mine().maxSeqLength())
                            .withThreads(options.threads()),
                    options.progress());
        }
        return embedder;
    }

    private void closeEmbedder() {
        if (embedder != null) {
            try {
                embedder.close();
            } catch (Exception e) {
                notes.add("closing the embedding model failed: " + e.getMessage());
            }
            embedder = null;
        }
    }

    /** The training run; it resumes from the newest checkpoint when an earlier run of the same fingerprint stopped. */
    private TrainConfig trainConfig(Path trainFile) throws IOException {
        boolean resume = !reusable(stages, ledger, "train")
                && ledger.finished("train-started", stages.fingerprint("train")).isPresent()
                && !checkpoints().isEmpty();
        if (resume) {
            Map<String, Object> t = new java.util.LinkedHashMap<>(config.train());
            t.put("resume_from_checkpoint", "true");
            notes.add("training resumed from the newest checkpoint of the stopped run");
            return new RecipeConfig(
                            config.text(),
                            config.outputDir(),
                            config.data(),
                            config.split(),
                            config.mine(),
                            t,
                            config.evaluate())
                    .trainConfig(trainFile);
        }
        return config.trainConfig(trainFile);
    }

    private String train(TrainConfig trainConfig, Path evalFile) throws IOException {
        if (ledger.finished("train-started", stages.fingerprint("train")).isEmpty()) {
            for (Path old : checkpoints()) {
                RunFiles.deleteTree(old); // an earlier training run's, with other arguments
            }
            ledger.record("train-started", stages.fingerprint("train"), 0, "training started");
        }
        try (CrossEncoder model = trainConfig.loadModel()) {
            TrainingResult r = trainConfig
                    .trainer(model, options.hub())
                    .evaluator(RerankingEvaluator.fromJsonl(
                            evalFile,
                            RerankingOptions.defaults()
                                    .withName(config.evaluate().name())
                                    .withAtK(config.evaluate().atK())
                                    .withRerankPositives(RerankPositives.RETRIEVED_ONLY)))
                    .stopSignal(options.stop())
                    .progress(options.progress())
                    .build()
                    .train();
            return String.format(
                    Locale.ROOT,
                    "%,d steps, %.1f samples/s, mean loss %.4f; best model %s",
                    r.globalStep(),
                    r.samplesPerSecond(),
                    r.trainLoss(),
                    r.bestModel().getFileName());
        }
    }

    private List<Path> checkpoints() throws IOException {
        if (!Files.isDirectory(config.outputDir())) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(config.outputDir())) {
            return list.filter(p -> p.getFileName().toString().startsWith("checkpoint-"))
                    .sorted()
                    .toList();
        }
    }

    private String evaluate(String stage, CrossEncoder model, Path evalFile) throws IOException {
        EvaluationStage.Outcome outcome = EvaluationStage.run(
                model, evalFile, config.evaluate(), config.mine().evalTopK(), options, stage.equals("evaluate-before"));
        RunFiles.writeJson(stages.evaluation(stage), outcome);
        EvaluationStage.Figures first = outcome.figures().get(0);
        String metric = first.primaryMetric();
        return String.format(
                Locale.ROOT,
                "%s %s %.4f (first stage %.4f)",
                first.name(),
                metric,
                first.model().getOrDefault(metric, Double.NaN),
                first.firstStage().getOrDefault(metric, Double.NaN));
    }
}
