package dev.rerank4j.recipe;

import dev.rerank4j.PairScorer;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.Reranker;
import dev.rerank4j.TextPair;
import dev.rerank4j.eval.BeirBenchmark;
import dev.rerank4j.eval.BeirOptions;
import dev.rerank4j.eval.EvaluationContext;
import dev.rerank4j.eval.EvaluationResult;
import dev.rerank4j.eval.RerankPositives;
import dev.rerank4j.eval.RerankingEvaluator;
import dev.rerank4j.eval.RerankingOptions;
import dev.rerank4j.eval.RerankingQuery;
import dev.rerank4j.eval.ScoreFusion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code evaluate-before} and {@code evaluate-after} stages: one model on the mined evaluation set, realistic
 * ({@link RerankPositives#RETRIEVED_ONLY}) and with all positives reranked ({@link RerankPositives#ALWAYS}), with the
 * first stage's own figures, and on each BEIR folder present (BM25 top {@code rerank_k}). Pairs are scored once: the
 * realistic candidates are a subset of the others.
 */
final class EvaluationStage {
    static final String IN_DOMAIN = "in-domain";
    static final String OUT_OF_DOMAIN = "out-of-domain";

    /**
     * One evaluator's figures for one model.
     *
     * @param name the evaluator, e.g. {@code squad-dev (top 30)}
     * @param domain {@code in-domain} or {@code out-of-domain}
     * @param primaryMetric e.g. {@code ndcg@10}
     * @param firstStage the first stage's figures, metric names without prefix
     * @param model the model's figures
     */
    record Figures(
            String name,
            String domain,
            String primaryMetric,
            Map<String, Double> firstStage,
            Map<String, Double> model) {}

    /**
     * What an evaluation stage writes ({@code eval/before.json}, {@code eval/after.json}).
     *
     * @param figures per evaluator
     * @param queryScores the model's score of every first-stage document of every mined evaluation query, in
     *     {@code eval.jsonl} order (for the report's examples)
     * @param notes e.g. a BEIR folder that is absent
     */
    record Outcome(List<Figures> figures, List<List<Float>> queryScores, List<String> notes) {}

    private EvaluationStage() {}

    /**
     * Evaluates one model.
     *
     * @param beforeTraining whether this is {@code evaluate-before} (the BEIR benchmarks are then skipped when
     *     {@link EvaluateSpec#beirBefore()} is off)
     */
    static Outcome run(
            Reranker model, Path evalFile, EvaluateSpec spec, int topK, RecipeOptions o, boolean beforeTraining)
            throws IOException {
        PairScorer scorer = memo(model, spec, o);
        List<Figures> figures = new ArrayList<>();
        RerankingEvaluator realistic =
                RerankingEvaluator.fromJsonl(evalFile, options(spec, RerankPositives.RETRIEVED_ONLY));
        RerankingEvaluator all = RerankingEvaluator.fromJsonl(evalFile, options(spec, RerankPositives.ALWAYS));
        // score the larger set first: the realistic one is then read from the memo
        EvaluationResult allResult = all.evaluate(scorer, EvaluationContext.none());
        EvaluationResult realResult = realistic.evaluate(scorer, EvaluationContext.none());
        String primary = "ndcg@" + spec.atK();
        figures.add(figures(spec.name() + " (top " + topK + ")", IN_DOMAIN, primary, realResult));
        figures.add(figures(spec.name() + " (top " + topK + " + all positives)", IN_DOMAIN, primary, allResult));
        List<List<Float>> queryScores = new ArrayList<>();
        for (RerankingQuery q : realistic.queries()) {
            List<TextPair> pairs =
                    q.candidates().stream().map(d -> new TextPair(q.query(), d)).toList();
            float[] s = scorer.scoreSingle(pairs);
            List<Float> row = new ArrayList<>(s.length);
            for (float f : s) {
                row.add(f);
            }
            queryScores.add(row);
        }
        List<String> notes = new ArrayList<>();
        if (beforeTraining && !spec.beirBefore() && !spec.beir().isEmpty()) {
            notes.add("the BEIR benchmarks were not run before training (evaluate.beir_before: false)");
            return new Outcome(figures, queryScores, notes);
        }
        for (Path dir : spec.beir()) {
            o.stop().throwIfStopped();
            if (!Files.isDirectory(dir)) {
                notes.add("BEIR folder " + dir + " is absent: its benchmark was skipped");
                continue;
            }
            BeirBenchmark beir = BeirBenchmark.prepare(
                    List.of(dir),
                    BeirOptions.defaults()
                            .withRerankK(spec.rerankK())
                            .withAtK(spec.atK())
                            .withRerankPositives(spec.beirPositives())
                            .withFusion(spec.fusion())
                            .withSample(spec.sampleQueries(), spec.sampleSeed()));
            RerankingEvaluator ev = beir.datasets().get(0).evaluator();
            figures.add(figures(
                    "BEIR " + ev.name() + " (BM25 top " + spec.rerankK() + beirDetail(spec, ev) + ")",
                    OUT_OF_DOMAIN,
                    "judged_ndcg@" + spec.atK(), // NDCG as BEIR reports it: missed relevant documents count
                    ev.evaluate(scorer, EvaluationContext.none())));
        }
        return new Outcome(figures, queryScores, notes);
    }

    /** What the BEIR figure's name adds: a query sample and a fusion. */
    private static String beirDetail(EvaluateSpec spec, RerankingEvaluator ev) {
        String out = spec.sampleQueries() > 0 ? ", " + ev.queries().size() + " sampled queries" : "";
        return out
                + (spec.fusion() instanceof ScoreFusion.None
                        ? ""
                        : ", fused " + spec.fusion().describe());
    }

    private static RerankingOptions options(EvaluateSpec spec, RerankPositives policy) {
        return RerankingOptions.defaults()
                .withName(spec.name())
                .withAtK(spec.atK())
                .withRerankPositives(policy);
    }

    /** The result's figures: keys without the evaluator's name; {@code base_} ones are the first stage's. */
    static Figures figures(String name, String domain, String primary, EvaluationResult r) {
        Map<String, Double> model = new LinkedHashMap<>();
        Map<String, Double> first = new LinkedHashMap<>();
        String prefix = r.name().isEmpty() ? "" : r.name() + "_";
        r.metrics().forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                String metric = key.substring(prefix.length());
                if (metric.startsWith("base_")) {
                    first.put(metric.substring(5), value);
                } else {
                    model.put(metric, value);
                }
            }
        });
        return new Figures(name, domain, primary, first, model);
    }

    /** Scores through the model once per distinct pair; later calls for the same pairs are answered from memory. */
    private static PairScorer memo(Reranker model, EvaluateSpec spec, RecipeOptions o) {
        PredictOptions predict = PredictOptions.defaults()
                .withBatchSize(spec.batchSize())
                .withStop(o.stop())
                .withProgress(ProgressMode.AUTO)
                .withListener(o.progress());
        Map<TextPair, float[]> seen = new HashMap<>();
        return pairs -> {
            List<TextPair> missing = new ArrayList<>();
            for (TextPair p : pairs) {
                if (!seen.containsKey(p)) {
                    missing.add(p);
                    seen.put(p, null);
                }
            }
            if (!missing.isEmpty()) {
                float[][] s = model.predictLabels(missing, predict);
                for (int i = 0; i < s.length; i++) {
                    seen.put(missing.get(i), s[i]);
                }
            }
            float[][] out = new float[pairs.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = seen.get(pairs.get(i));
            }
            return out;
        };
    }
}
