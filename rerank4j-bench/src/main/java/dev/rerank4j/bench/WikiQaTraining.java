package dev.rerank4j.bench;

import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.TextPair;
import dev.rerank4j.data.Dataset;
import dev.rerank4j.data.DatasetFiles;
import dev.rerank4j.data.ReadOptions;
import dev.rerank4j.data.Row;
import dev.rerank4j.loss.BinaryCrossEntropyLoss;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.train.CrossEncoderTrainer;
import dev.rerank4j.train.TrainingArguments;
import dev.rerank4j.train.TrainingDataset;
import dev.rerank4j.train.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The trainer's real run: the offline all-MiniLM-L6-v2 encoder with a fresh one-label head, fine-tuned with
 * BinaryCrossEntropyLoss on WikiQA train ({@code WikiQASent-train.txt}), evaluated before and after by MAP and MRR@10
 * on WikiQA test, keeping the questions with at least one correct answer (the standard WikiQA protocol).
 *
 * <p>Usage: {@code WikiQaTraining [--shared ../shared] [--out target/wikiqa-run] [--epochs 1] [--max-steps -1]
 * [--limit 0] [--batch 16] [--max-length 128] [--dropout 0] [--lr 2e-5] [--seed 12]}.
 */
public final class WikiQaTraining {
    private WikiQaTraining() {}

    public static void main(String[] argv) throws Exception {
        Args a = Args.parse(argv);
        Path shared = Path.of(a.get("--shared", "../shared"));
        Path out = Path.of(a.get("--out", "target/wikiqa-run"));
        int maxLength = Integer.parseInt(a.get("--max-length", "128"));
        Dataset train = DatasetFiles.read(
                shared.resolve("datasets/wikiqa/WikiQASent-train.txt"),
                ReadOptions.defaults().withColumnNames(List.of("question", "sentence", "label")));
        int limit = Integer.parseInt(a.get("--limit", "0"));
        if (limit > 0) {
            train = train.take(limit);
        }
        Map<String, List<TextPair>> pairs = new LinkedHashMap<>();
        Map<String, List<Boolean>> relevant = new LinkedHashMap<>();
        testQuestions(shared.resolve("datasets/wikiqa/WikiQA-test.tsv"), pairs, relevant);
        System.out.printf(
                Locale.ROOT,
                "WikiQA train: %d pairs; test: %d questions with a correct answer, %d pairs%n",
                train.size(),
                pairs.size(),
                pairs.values().stream().mapToInt(List::size).sum());

        CrossEncoderOptions options = CrossEncoderOptions.defaults().withMaxLength(maxLength);
        try (CrossEncoder model = CrossEncoder.load("sentence-transformers/all-MiniLM-L6-v2", "main", options)) {
            long t0 = System.nanoTime();
            double[] before = RankingMetrics.mapAndMrr(model, pairs, relevant, 10);
            double evalSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    Locale.ROOT, "before: MAP %.4f  MRR@10 %.4f  (%.0f s)%n", before[0], before[1], evalSeconds);

            Map<String, Object> args = new LinkedHashMap<>();
            args.put("output_dir", out.toString());
            args.put("num_train_epochs", Double.parseDouble(a.get("--epochs", "1")));
            args.put("max_steps", Integer.parseInt(a.get("--max-steps", "-1")));
            args.put("per_device_train_batch_size", Integer.parseInt(a.get("--batch", "16")));
            args.put("learning_rate", Double.parseDouble(a.get("--lr", "2e-5")));
            args.put("warmup_ratio", 0.1);
            args.put("weight_decay", 0.01);
            args.put("seed", Long.parseLong(a.get("--seed", "12")));
            args.put("hidden_dropout_prob", Double.parseDouble(a.get("--dropout", "0")));
            args.put("attention_probs_dropout_prob", Double.parseDouble(a.get("--dropout", "0")));
            args.put("logging_steps", 50);
            args.put("logging_first_step", true);
            args.put("save_strategy", "steps");
            args.put("save_steps", 400);
            args.put("save_total_limit", 1);
            args.put("resume_from_checkpoint", a.get("--resume", ""));
            args.put("run_name", "minilm-wikiqa-bce");
            TrainingResult r = CrossEncoderTrainer.builder(model, TrainingArguments.of(args))
                    .trainDataset(TrainingDataset.of("wikiqa", train, new BinaryCrossEntropyLoss()))
                    .build()
                    .train();

            long t1 = System.nanoTime();
            double[] after = RankingMetrics.mapAndMrr(model, pairs, relevant, 10);
            double evalAfter = (System.nanoTime() - t1) / 1e9;
            System.out.printf(Locale.ROOT, "after:  MAP %.4f  MRR@10 %.4f  (%.0f s)%n", after[0], after[1], evalAfter);
            System.out.printf(
                    Locale.ROOT,
                    "training: %d steps, %.2f epochs, batch %s, max_length %d, dropout %s: %.1f s wall, %.2f"
                            + " samples/s, mean loss %.4f; final model in %s%n",
                    r.globalStep(),
                    r.epoch(),
                    a.get("--batch", "16"),
                    maxLength,
                    a.get("--dropout", "0"),
                    r.runtimeSeconds(),
                    r.samplesPerSecond(),
                    r.trainLoss(),
                    r.finalModel());
            System.out.printf(
                    "cores %d, peak RSS %s%n", Runtime.getRuntime().availableProcessors(), PeakMemory.peakRss());
        }
    }

    /** WikiQA-test.tsv grouped by question, keeping questions with at least one correct sentence. */
    private static void testQuestions(Path file, Map<String, List<TextPair>> pairs, Map<String, List<Boolean>> relevant)
            throws Exception {
        Dataset test = DatasetFiles.read(file);
        Map<String, List<TextPair>> allPairs = new LinkedHashMap<>();
        Map<String, List<Boolean>> allLabels = new LinkedHashMap<>();
        for (Row row : test.rows()) {
            String q = (String) row.get("QuestionID").orElseThrow();
            allPairs.computeIfAbsent(q, k -> new ArrayList<>())
                    .add(new TextPair((String) row.get("Question").orElseThrow(), (String)
                            row.get("Sentence").orElseThrow()));
            allLabels
                    .computeIfAbsent(q, k -> new ArrayList<>())
                    .add("1".equals(row.get("Label").orElseThrow()));
        }
        allLabels.forEach((q, labels) -> {
            if (labels.contains(true)) {
                pairs.put(q, allPairs.get(q));
                relevant.put(q, labels);
            }
        });
    }

    /** MAP and MRR@k of a model's ranking of each question's candidates. */
    static final class RankingMetrics {
        private RankingMetrics() {}

        static double[] mapAndMrr(
                CrossEncoder model, Map<String, List<TextPair>> pairs, Map<String, List<Boolean>> relevant, int k) {
            List<TextPair> all = new ArrayList<>();
            pairs.values().forEach(all::addAll);
            float[] scores = model.predict(
                    all, PredictOptions.defaults().withBatchSize(64).withProgress(ProgressMode.OFF));
            double map = 0;
            double mrr = 0;
            int offset = 0;
            for (Map.Entry<String, List<Boolean>> q : relevant.entrySet()) {
                List<Boolean> labels = q.getValue();
                Integer[] order = new Integer[labels.size()];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                final int base = offset;
                java.util.Arrays.sort(order, (x, y) -> Float.compare(scores[base + y], scores[base + x]));
                map += averagePrecision(order, labels);
                mrr += reciprocalRank(order, labels, k);
                offset += labels.size();
            }
            return new double[] {map / relevant.size(), mrr / relevant.size()};
        }

        /** Mean of precision@i over the ranks i of the relevant candidates (all of the list, no cut-off). */
        static double averagePrecision(Integer[] order, List<Boolean> labels) {
            int hits = 0;
            double sum = 0;
            for (int rank = 0; rank < order.length; rank++) {
                if (labels.get(order[rank])) {
                    hits++;
                    sum += (double) hits / (rank + 1);
                }
            }
            return hits == 0 ? 0 : sum / hits;
        }

        /** 1 / rank of the first relevant candidate within the top k, else 0. */
        static double reciprocalRank(Integer[] order, List<Boolean> labels, int k) {
            for (int rank = 0; rank < Math.min(k, order.length); rank++) {
                if (labels.get(order[rank])) {
                    return 1.0 / (rank + 1);
                }
            }
            return 0;
        }
    }
}
