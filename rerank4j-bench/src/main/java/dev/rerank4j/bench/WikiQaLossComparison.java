package dev.rerank4j.bench;

import dev.rerank4j.Activation;
import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.TextPair;
import dev.rerank4j.data.Dataset;
import dev.rerank4j.loss.BinaryCrossEntropyLoss;
import dev.rerank4j.loss.LambdaLoss;
import dev.rerank4j.loss.ListNetLoss;
import dev.rerank4j.loss.LossConfig;
import dev.rerank4j.loss.MultipleNegativesRankingLoss;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.train.CrossEncoderTrainer;
import dev.rerank4j.train.TrainingArguments;
import dev.rerank4j.train.TrainingDataset;
import dev.rerank4j.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * BCE, LambdaLoss, ListNet and MNRL on WikiQA: each fine-tunes the same offline all-MiniLM-L6-v2 start (fresh head,
 * seed 12 unless {@code --seed}) for the same number of optimizer steps of about 32 scored pairs each, then reranks the candidates of the
 * dev (or test) questions that have an answer; MAP, MRR@10 and NDCG@10.
 *
 * <ul>
 *   <li>BinaryCrossEntropyLoss: batches of 32 labelled (question, sentence) pairs;
 *   <li>LambdaLoss (NDCGLoss2++) and ListNetLoss: batches of 4 questions with up to 8 candidates each (every answer,
 *       then the other sentences in file order);
 *   <li>MultipleNegativesRankingLoss: batches of 8 (question, answer, one other sentence of the question) rows, 2
 *       in-batch negatives each, so 4 candidates per question; no two rows of a batch share a text.
 * </ul>
 *
 * <p>Usage: {@code WikiQaLossComparison [--shared DIR] [--losses baseline,bce,lambda,listnet,mnrl] [--steps 120]
 * [--lr 5e-5] [--eval dev|test] [--max-length 128] [--seed 12]}. Dropout is off (a CPU budget choice), warmup 10%, linear decay.
 */
public final class WikiQaLossComparison {
    /** Seeds the fresh head, the MNRL row sampling and the trainer. */
    private static long seed = 12;

    private WikiQaLossComparison() {}

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        Path shared = Path.of(a.get("--shared", "../shared"));
        int steps = Integer.parseInt(a.get("--steps", "120"));
        double lr = Double.parseDouble(a.get("--lr", "5e-5"));
        int maxLength = Integer.parseInt(a.get("--max-length", "128"));
        seed = Long.parseLong(a.get("--seed", "12"));
        String split = a.get("--eval", "dev");
        List<WikiQa.Query> train = WikiQa.train(shared);
        List<WikiQa.Query> eval = WikiQa.evaluation(shared, split);
        System.out.printf(
                "WikiQA: %d training questions with an answer (%d candidates), %d %s questions with an answer (%d candidates)%n",
                train.size(),
                train.stream().mapToInt(q -> q.docs().size()).sum(),
                eval.size(),
                split,
                eval.stream().mapToInt(q -> q.docs().size()).sum());
        for (String name : a.get("--losses", "baseline,bce,lambda,listnet,mnrl").split(",")) {
            try (CrossEncoder model = CrossEncoder.load(
                    "sentence-transformers/all-MiniLM-L6-v2",
                    "main",
                    CrossEncoderOptions.defaults().withMaxLength(maxLength).withSeed(seed))) {
                String detail = "no training (fresh head)";
                if (!name.equals("baseline")) {
                    Setup s = setup(name, train);
                    TrainingResult r = train(model, s, steps, lr);
                    detail = String.format(
                            "%d steps, %s, batch %d, %.0f s (%.1f s/step), final logged loss %s",
                            r.globalStep(),
                            s.loss.name(),
                            s.batch,
                            r.runtimeSeconds(),
                            r.runtimeSeconds() / r.globalStep(),
                            lastLoss(r));
                }
                long t0 = System.nanoTime();
                RankingScores scores = evaluate(model, eval);
                System.out.printf(
                        "RESULT | %s | %s | %s (eval %.0f s)%n",
                        name, scores.cells(), detail, (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    private record Setup(LossConfig loss, Dataset data, int batch, String sampler) {}

    private static Setup setup(String name, List<WikiQa.Query> train) {
        switch (name) {
            case "bce" -> {
                List<List<Object>> rows = new ArrayList<>();
                for (WikiQa.Query q : train) {
                    for (int i = 0; i < q.docs().size(); i++) {
                        rows.add(List.of(
                                q.question(), q.docs().get(i), (long) q.labels().get(i)));
                    }
                }
                return new Setup(
                        new BinaryCrossEntropyLoss(),
                        Dataset.fromRows("wikiqa-pairs", List.of("question", "sentence", "label"), rows),
                        32,
                        "batch_sampler");
            }
            case "lambda", "listnet" -> {
                List<List<Object>> rows = new ArrayList<>();
                for (WikiQa.Query q : train) {
                    List<Object> docs = new ArrayList<>();
                    List<Object> labels = new ArrayList<>();
                    for (int pass = 1; pass >= 0; pass--) { // answers first, then the others, up to 8
                        for (int i = 0; i < q.docs().size() && docs.size() < 8; i++) {
                            if (q.labels().get(i) == pass) {
                                docs.add(q.docs().get(i));
                                labels.add((long) q.labels().get(i));
                            }
                        }
                    }
                    rows.add(List.of(q.question(), docs, labels));
                }
                Dataset lists = Dataset.fromRows("wikiqa-lists", List.of("query", "docs", "labels"), rows);
                LossConfig loss = name.equals("lambda")
                        ? new LambdaLoss().withMiniBatchSize(32)
                        : new ListNetLoss(Activation.IDENTITY, 32);
                return new Setup(loss, lists, 4, "batch_sampler");
            }
            case "mnrl" -> {
                SplittableRandom random = new SplittableRandom(seed);
                List<List<Object>> rows = new ArrayList<>();
                for (WikiQa.Query q : train) {
                    List<String> others = new ArrayList<>();
                    for (int i = 0; i < q.docs().size(); i++) {
                        if (q.labels().get(i) == 0) {
                            others.add(q.docs().get(i));
                        }
                    }
                    for (int i = 0; i < q.docs().size(); i++) {
                        if (q.labels().get(i) > 0 && !others.isEmpty()) {
                            rows.add(List.of(q.question(), q.docs().get(i), others.get(random.nextInt(others.size()))));
                        }
                    }
                }
                return new Setup(
                        new MultipleNegativesRankingLoss(2, 10.0, Activation.SIGMOID),
                        Dataset.fromRows("wikiqa-triplets", List.of("anchor", "positive", "negative"), rows),
                        8,
                        "no_duplicates");
            }
            default -> throw new IllegalArgumentException("unknown loss " + name + "; use bce, lambda, listnet, mnrl");
        }
    }

    private static TrainingResult train(CrossEncoder model, Setup s, int steps, double lr) throws Exception {
        Path out = Files.createTempDirectory("wikiqa-" + s.loss.name());
        try {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("output_dir", out.toString());
            m.put("max_steps", steps);
            m.put("per_device_train_batch_size", s.batch);
            m.put("learning_rate", lr);
            m.put("warmup_ratio", 0.1);
            m.put("weight_decay", 0.01);
            m.put("hidden_dropout_prob", 0.0);
            m.put("attention_probs_dropout_prob", 0.0);
            m.put("batch_sampler", s.sampler);
            m.put("save_strategy", "no");
            m.put("logging_steps", 20);
            m.put("disable_tqdm", true);
            m.put("seed", seed);
            return CrossEncoderTrainer.builder(model, TrainingArguments.of(m))
                    .trainDataset(TrainingDataset.of("wikiqa", s.data, s.loss))
                    .build()
                    .train();
        } finally {
            try (Stream<Path> walk = Files.walk(out)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String lastLoss(TrainingResult r) {
        List<String> losses = r.logHistory().stream()
                .filter(e -> e.containsKey("loss"))
                .map(e -> e.get("step") + ":" + e.get("loss"))
                .toList();
        return losses.isEmpty() ? "-" : String.join(" ", losses);
    }

    private static RankingScores evaluate(CrossEncoder model, List<WikiQa.Query> queries) {
        List<TextPair> pairs = new ArrayList<>();
        for (WikiQa.Query q : queries) {
            q.docs().forEach(d -> pairs.add(new TextPair(q.question(), d)));
        }
        float[] all =
                model.predict(pairs, PredictOptions.defaults().withBatchSize(64).withProgress(ProgressMode.OFF));
        List<float[]> perQuery = new ArrayList<>();
        int at = 0;
        for (WikiQa.Query q : queries) {
            float[] s = new float[q.docs().size()];
            System.arraycopy(all, at, s, 0, s.length);
            at += s.length;
            perQuery.add(s);
        }
        return RankingScores.of(queries, perQuery);
    }
}
