package dev.rerank4j.recipe;

import dev.rerank4j.ProgressMode;
import dev.rerank4j.TextPair;
import dev.rerank4j.embed.EmbeddingModel;
import dev.rerank4j.mining.DenseCandidates;
import dev.rerank4j.mining.HardNegativeMiner;
import dev.rerank4j.mining.MinedDataset;
import dev.rerank4j.mining.MinedDatasetWriter;
import dev.rerank4j.mining.MinedRow;
import dev.rerank4j.mining.MiningData;
import dev.rerank4j.mining.MiningOptions;
import dev.rerank4j.mining.MiningReport;
import dev.rerank4j.mining.ScoreStats;
import dev.rerank4j.mining.SearchMethod;
import dev.rerank4j.report.Histogram;
import dev.rerank4j.report.MiningSummary;
import dev.rerank4j.report.ScoreSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The two mining stages. {@code mine-train}: hard negatives for the training pairs, as {@code rerank4j mine} with the
 * recipe's options, written as {@code train.jsonl}. {@code mine-eval}: the blog's evaluation set, the top {@code k}
 * documents of every evaluation question among all the data's answers (positives kept), written as reranking samples
 * {@code {query, positive, documents, first_stage_scores}} in {@code eval.jsonl}. Each writes {@code summary.json} (a
 * {@link MiningSummary}) last, into a staging folder moved into place whole.
 */
final class MiningStage {
    static final String TRAIN_FILE = "train.jsonl";
    static final String EVAL_FILE = "eval.jsonl";
    static final String SUMMARY_FILE = "summary.json";
    private static final int BINS = 20;

    private MiningStage() {}

    /** Mines the training set into {@code dir}. */
    static MiningSummary mineTrain(List<QaRow> train, MineSpec spec, EmbeddingModel model, RecipeOptions o, Path dir)
            throws IOException {
        MiningData data = new MiningData("question", "answer", pairs(train), List.of());
        MinedDataset mined = HardNegativeMiner.mineHardNegatives(data, source(model, spec, o), spec.train());
        o.stop().throwIfStopped();
        Path staging = RunFiles.staging(dir);
        MinedDatasetWriter.write(mined, staging.resolve(TRAIN_FILE));
        MiningSummary summary = summary("train", mined);
        RunFiles.writeJson(staging.resolve(SUMMARY_FILE), summary);
        RunFiles.publish(staging, dir);
        return summary;
    }

    /** Mines the evaluation set into {@code dir}, searching all of {@code corpus}. */
    static MiningSummary mineEval(
            List<QaRow> eval, List<String> corpus, MineSpec spec, EmbeddingModel model, RecipeOptions o, Path dir)
            throws IOException {
        MiningOptions options = spec.eval();
        MiningData data = new MiningData("question", "answer", pairs(eval), List.of()).withCorpus(corpus);
        MinedDataset mined = HardNegativeMiner.mineHardNegatives(data, source(model, spec, o), options);
        o.stop().throwIfStopped();
        Path staging = RunFiles.staging(dir);
        RunFiles.writeLines(staging.resolve(EVAL_FILE), samples(mined, eval));
        MiningSummary summary = summary("eval", mined);
        RunFiles.writeJson(staging.resolve(SUMMARY_FILE), summary);
        RunFiles.publish(staging, dir);
        return summary;
    }

    private static DenseCandidates source(EmbeddingModel model, MineSpec spec, RecipeOptions o) {
        return DenseCandidates.of(model)
                .withSearch(
                        spec.search().equals("hnsw")
                                ? new SearchMethod.Hnsw(dev.rerank4j.retrieval.HnswOptions.defaults())
                                : SearchMethod.exact())
                .withStop(o.stop())
                .withProgress(o.progress().interactive() ? ProgressMode.ON : ProgressMode.AUTO)
                .withListener(o.progress());
    }

    private static List<TextPair> pairs(List<QaRow> rows) {
        return rows.stream().map(r -> new TextPair(r.question(), r.answer())).toList();
    }

    /**
     * One sample per evaluation question: every positive it has in the data, the first stage's top-k documents (the
     * n-tuple's ranking, positives included where found) and their scores.
     */
    static List<Map<String, Object>> samples(MinedDataset mined, List<QaRow> eval) {
        Map<String, Set<String>> positives = new LinkedHashMap<>();
        eval.forEach(r -> positives
                .computeIfAbsent(r.question(), q -> new LinkedHashSet<>())
                .add(r.answer()));
        Map<String, MinedRow.NTuple> first = new LinkedHashMap<>();
        for (MinedRow row : mined.rows()) {
            if (row instanceof MinedRow.NTuple t) {
                first.putIfAbsent(t.anchor(), t);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        first.forEach((query, t) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("query", query);
            s.put("positive", List.copyOf(positives.get(query)));
            s.put("documents", t.negatives());
            List<Float> scores = new ArrayList<>();
            for (float f : t.negativeScores()) {
                scores.add(f);
            }
            s.put("first_stage_scores", scores);
            out.add(s);
        });
        return out;
    }

    /** The report's summary: score statistics and histograms of positives and negatives on common bins. */
    static MiningSummary summary(String name, MinedDataset mined) {
        List<Float> pos = new ArrayList<>();
        List<Float> neg = new ArrayList<>();
        for (MinedRow row : mined.rows()) {
            if (row instanceof MinedRow.LabeledPair lp) {
                (lp.label() == 1 ? pos : neg).add(lp.score());
            } else if (row instanceof MinedRow.Triplet t) {
                pos.add(t.positiveScore());
                neg.add(t.negativeScore());
            } else if (row instanceof MinedRow.NTuple t) {
                pos.add(t.positiveScore());
                float[] scores = t.negativeScores();
                for (int i = 0; i < t.negatives().size(); i++) {
                    if (!t.negatives().get(i).equals(t.positive())) {
                        neg.add(scores[i]);
                    }
                }
            } else if (row instanceof MinedRow.LabeledList l) {
                float[] s = l.scores();
                pos.add(s[0]);
                for (int i = 1; i < s.length; i++) {
                    neg.add(s[i]);
                }
            }
        }
        float[] p = floats(pos);
        float[] n = floats(neg);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float[] a : new float[][] {p, n}) {
            for (float f : a) {
                min = Math.min(min, f);
                max = Math.max(max, f);
            }
        }
        if (min > max) {
            min = 0;
            max = 1;
        }
        MiningReport r = mined.report();
        List<String> filters = new ArrayList<>();
        r.filters()
                .forEach(f -> filters.add(String.format(
                        Locale.ROOT, "%s of %s: removed %,d candidates", f.rule(), f.threshold(), f.removed())));
        r.notes().forEach(filters::add);
        return new MiningSummary(
                name,
                r.source(),
                r.anchors(),
                r.corpusSize(),
                r.outputRows(),
                r.anchorsShort(),
                score(ScoreStats.of(p)),
                score(ScoreStats.of(n)),
                Histogram.of(p, BINS, min, max),
                Histogram.of(n, BINS, min, max),
                filters);
    }

    private static ScoreSummary score(ScoreStats s) {
        return new ScoreSummary(s.count(), s.mean(), s.std(), s.min(), s.q25(), s.median(), s.q75(), s.max());
    }

    private static float[] floats(List<Float> list) {
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
