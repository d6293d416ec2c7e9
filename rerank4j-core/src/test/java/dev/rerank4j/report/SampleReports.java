package dev.rerank4j.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Report fixtures: {@link #full()} is a plausible recipe run (the bundled SQuAD 2.0 sample, mined with
 * all-MiniLM-L6-v2, trained with BCE for one epoch, evaluated in and out of domain) so the page can be looked at;
 * {@link #minimal()} is a run that stopped after the split.
 */
final class SampleReports {
    static final String CONFIG = """
            # rerank4j recipe: the README's main job
            name: minilm-squad-bce
            data:
              bundled: squad2-dev-half
              split: {by: article, eval_size: 500, seed: 12}
            mine:
              model: sentence-transformers/all-MiniLM-L6-v2
              num_negatives: 5
              range_max: 100
              absolute_margin: 0
              output_format: labeled-pair
            train:
              model: sentence-transformers/all-MiniLM-L6-v2
              loss: {type: BinaryCrossEntropyLoss, pos_weight: 5}
              num_train_epochs: 1
              per_device_train_batch_size: 32
              learning_rate: 2.0e-5
              warmup_ratio: 0.1
              eval_steps: 200
            evaluate:
              rerank_k: 30
              beir: [scifact, arguana]
            """;

    private SampleReports() {}

    static RunReport full() {
        Random rnd = new Random(12);
        List<StageTiming> stages = List.of(
                new StageTiming("split", 0.4, false, "4,870 training / 500 evaluation questions, by article"),
                new StageTiming("mine-train", 0.02, true, "29,220 labelled pairs (cached, fingerprint 3f9a12c0)"),
                new StageTiming("mine-eval", 0.01, true, "500 samples, top 30 with positives"),
                new StageTiming("evaluate-before", 71.8, false, "squad-dev, scifact, arguana"),
                new StageTiming("train", 524.3, false, "914 steps, best at step 800 (squad-dev ndcg@10 0.7541)"),
                new StageTiming("evaluate-after", 69.2, false, "best checkpoint"),
                new StageTiming("report", 0.3, false, "report.html, report.json"));
        DataSummary data = new DataSummary(
                "bundled:squad2-dev-half",
                "SQuAD 2.0 (Rajpurkar, Jia & Liang, 2018), CC BY-SA 4.0; paragraphs from Wikipedia articles",
                "article",
                12,
                4870,
                4870,
                500,
                1204);
        List<MiningSummary> mining = List.of(
                mined("train", rnd, 4870, 29220, 3, List.of("absolute margin 0: removed 1,187 candidates")),
                mined("eval", rnd, 500, 500, 0, List.of()));
        List<EvaluationComparison> evaluations = List.of(
                new EvaluationComparison(
                        "squad-dev (top 30)",
                        "in-domain",
                        "ndcg@10",
                        metrics(0.5712, 0.5598, 0.6291),
                        metrics(0.5233, 0.5104, 0.5861),
                        metrics(0.7012, 0.6954, 0.7541)),
                new EvaluationComparison(
                        "squad-dev (top 30, all positives)",
                        "in-domain",
                        "ndcg@10",
                        Map.of(),
                        metrics(0.5617, 0.5502, 0.6214),
                        metrics(0.7488, 0.7431, 0.7920)),
                new EvaluationComparison(
                        "BEIR scifact (BM25 top 100)",
                        "out-of-domain",
                        "ndcg@10",
                        metrics(0.6372, 0.6451, 0.6790),
                        metrics(0.5921, 0.6010, 0.6402),
                        metrics(0.6178, 0.6265, 0.6633)),
                new EvaluationComparison(
                        "BEIR arguana (BM25 top 100)",
                        "out-of-domain",
                        "ndcg@10",
                        metrics(0.3296, 0.3312, 0.4010),
                        metrics(0.2790, 0.2811, 0.3472),
                        metrics(0.3115, 0.3140, 0.3807)));
        return new RunReport(
                "minilm-squad-bce",
                "2026-12-02T09:41:07Z",
                CONFIG,
                stages,
                data,
                mining,
                trainingLog(rnd),
                evaluations,
                examples(),
                List.of(
                        "Mined data reused from runs/minilm-squad-bce/mined (same data, model and options).",
                        "The out-of-domain sets stay below BM25 on ndcg@10: see the evaluation table."));
    }

    static RunReport minimal() {
        return new RunReport(
                "stopped-early",
                "2026-12-02T08:00:00Z",
                "",
                List.of(new StageTiming("split", 0.3, false, "1,000 / 100 questions")),
                new DataSummary("data/qa.jsonl", "", "query", 7, 1000, 1000, 100, 1100),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    static Map<String, Double> metrics(double map, double mrr, double ndcg) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("map", map);
        m.put("mrr@10", mrr);
        m.put("ndcg@10", ndcg);
        return m;
    }

    private static MiningSummary mined(String name, Random rnd, int anchors, int rows, int shortOf, List<String> f) {
        float[] pos = gaussian(rnd, anchors, 0.58, 0.12);
        float[] neg = gaussian(rnd, rows - anchors == 0 ? anchors * 29 : rows - anchors, 0.41, 0.09);
        return new MiningSummary(
                name,
                "dense sentence-transformers/all-MiniLM-L6-v2, exact search",
                anchors,
                1204,
                rows,
                shortOf,
                summary(pos),
                summary(neg),
                Histogram.of(pos, 30, 0.0, 1.0),
                Histogram.of(neg, 30, 0.0, 1.0),
                f);
    }

    private static float[] gaussian(Random rnd, int n, double mean, double std) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) Math.max(-0.05, Math.min(0.99, mean + std * rnd.nextGaussian()));
        }
        return v;
    }

    static ScoreSummary summary(float[] values) {
        float[] s = values.clone();
        Arrays.sort(s);
        double mean = 0;
        for (float v : s) {
            mean += v;
        }
        mean /= s.length;
        double ss = 0;
        for (float v : s) {
            ss += (v - mean) * (v - mean);
        }
        return new ScoreSummary(
                s.length,
                mean,
                Math.sqrt(ss / (s.length - 1)),
                s[0],
                s[(int) (0.25 * (s.length - 1))],
                s[(int) (0.5 * (s.length - 1))],
                s[(int) (0.75 * (s.length - 1))],
                s[s.length - 1]);
    }

    /** 914 steps of BCE training: loss every 25 steps, linear warm-up then decay, evaluations every 200 steps. */
    private static List<LogEntry> trainingLog(Random rnd) {
        List<LogEntry> log = new ArrayList<>();
        int total = 914;
        int warmup = 91;
        for (int step = 25; step <= total; step += 25) {
            double lr = step < warmup ? 2e-5 * step / warmup : 2e-5 * (total - step) / (total - warmup);
            double loss = 0.42 + 0.78 * Math.exp(-step / 160.0) + 0.05 * rnd.nextGaussian();
            log.add(new LogEntry(
                    step, step / (double) total, Map.of("loss", loss, "learning_rate", lr, "grad_norm", 3.1)));
            if (step % 200 == 0) {
                double gain = 1 - Math.exp(-step / 300.0);
                Map<String, Double> eval = new LinkedHashMap<>();
                eval.put("eval_squad-dev_map", 0.5233 + 0.18 * gain + 0.005 * rnd.nextGaussian());
                eval.put("eval_squad-dev_mrr@10", 0.5104 + 0.186 * gain + 0.005 * rnd.nextGaussian());
                eval.put("eval_squad-dev_ndcg@10", 0.5861 + 0.17 * gain + 0.005 * rnd.nextGaussian());
                eval.put("eval_runtime", 23.4);
                eval.put("eval_samples_per_second", 21.4);
                log.add(new LogEntry(step, step / (double) total, eval));
            }
        }
        return log;
    }

    private static List<QueryExample> examples() {
        return List.of(
                new QueryExample(
                        "squad-dev (top 30)",
                        "What did the Normans call their land in France?",
                        List.of(
                                c("Normandy is a region of northern France, whose capital is Rouen.", 0.6412, false),
                                c("The Normans gave their name to Normandy, a region in France.", 0.6120, true),
                                c("The Norman conquest of England began in 1066.", 0.5877, false),
                                c("Rollo's descendants <the dukes> ruled \"Normandy\" & more.", 0.5102, false)),
                        List.of(
                                c("The Norman conquest of England began in 1066.", 0.8713, false),
                                c("Normandy is a region of northern France, whose capital is Rouen.", 0.8402, false),
                                c("The Normans gave their name to Normandy, a region in France.", 0.7930, true),
                                c("Rollo's descendants <the dukes> ruled \"Normandy\" & more.", 0.3118, false)),
                        List.of(
                                c("The Normans gave their name to Normandy, a region in France.", 0.9702, true),
                                c("Normandy is a region of northern France, whose capital is Rouen.", 0.4125, false),
                                c("Rollo's descendants <the dukes> ruled \"Normandy\" & more.", 0.1904, false),
                                c("The Norman conquest of England began in 1066.", 0.0533, false))),
                new QueryExample(
                        "squad-dev (top 30)",
                        "Is x < y && y > z in the \"ordering\" chapter's proof?",
                        List.of(
                                c("In a total order, if x < y and y < z then x < z (transitivity).", 0.5521, false),
                                c("The chapter proves that x < y && y > z need not order x and z.", 0.5330, true)),
                        List.of(
                                c("In a total order, if x < y and y < z then x < z (transitivity).", 0.6601, false),
                                c("The chapter proves that x < y && y > z need not order x and z.", 0.6010, true)),
                        List.of(
                                c("The chapter proves that x < y && y > z need not order x and z.", 0.9120, true),
                                c("In a total order, if x < y and y < z then x < z (transitivity).", 0.2210, false))));
    }

    private static QueryExample.RankedCandidate c(String text, double score, boolean relevant) {
        return new QueryExample.RankedCandidate(text, score, relevant);
    }
}
