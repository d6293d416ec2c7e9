package dev.rerank4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.rerank4j.Activation;
import dev.rerank4j.TextPair;
import dev.rerank4j.data.Dataset;
import dev.rerank4j.loss.Batch;
import dev.rerank4j.loss.CachedMultipleNegativesRankingLoss;
import dev.rerank4j.loss.LambdaLoss;
import dev.rerank4j.loss.ListNetLoss;
import dev.rerank4j.loss.LossConfig;
import dev.rerank4j.loss.MultipleNegativesRankingLoss;
import dev.rerank4j.loss.Objective;
import dev.rerank4j.loss.PairModel;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.model.Network;
import dev.rerank4j.model.Parameters;
import dev.rerank4j.model.TrainingAccess;
import dev.rerank4j.train.config.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ranking losses with a real (tiny) network: GradCache gives the uncached loss's gradients and replays dropout,
 * listwise and in-batch losses train through the trainer, and a config file names them.
 */
class RankingLossTrainingTest {
    @TempDir
    Path tmp;

    @Test
    void cachedLossGivesTheUncachedLossAndGradients() {
        try (CrossEncoder model = TinyTask.model(tmp.resolve("m"))) {
            Network network = TrainingAccess.trainingNetwork(model, 0f, 0f);
            Batch batch = triplets(6);
            MultipleNegativesRankingLoss threeNegatives = new MultipleNegativesRankingLoss(3, 10, Activation.SIGMOID);
            CachedMultipleNegativesRankingLoss cachedThree =
                    new CachedMultipleNegativesRankingLoss(3, 10, Activation.SIGMOID, 5);
            Map<MultipleNegativesRankingLoss, CachedMultipleNegativesRankingLoss> pairs = new LinkedHashMap<>();
            pairs.put(threeNegatives.withoutNumNegatives(), cachedThree.withoutNumNegatives());
            pairs.put(threeNegatives, cachedThree);
            for (Map.Entry<MultipleNegativesRankingLoss, CachedMultipleNegativesRankingLoss> losses :
                    pairs.entrySet()) {
                Step plain = step(model, network, losses.getKey(), batch);
                Step cached = step(model, network, losses.getValue(), batch);
                assertThat(cached.loss).isCloseTo(plain.loss, org.assertj.core.api.Assertions.within(1e-5f));
                double largest = 0;
                double norm = 0;
                for (String name : plain.gradients.keySet()) {
                    float[] a = plain.gradients.get(name);
                    float[] b = cached.gradients.get(name);
                    for (int i = 0; i < a.length; i++) {
                        largest = Math.max(largest, Math.abs(a[i] - b[i]));
                        norm = Math.max(norm, Math.abs(a[i]));
                    }
                }
                assertThat(norm).as("gradients are not all zero").isGreaterThan(1e-4);
                assertThat(largest)
                        .as(
                                "largest gradient difference, %s negatives",
                                losses.getKey().numNegatives())
                        .isLessThan(1e-6 + 1e-4 * norm);
            }
        }
    }

    @Test
    @SuppressWarnings("try") // the scope closes what the step allocates
    void theCachedSecondPassReplaysTheFirstPassDropout() {
        try (CrossEncoder model = TinyTask.model(tmp.resolve("m"))) {
            Network network = TrainingAccess.trainingNetwork(model, 0.3f, 0.3f);
            Parameters params = TrainingAccess.parameters(model);
            params.all().values().forEach(p -> p.setRequiresGradient(true));
            Engine engine = Engine.getEngine("PyTorch");
            Objective objective = new CachedMultipleNegativesRankingLoss(4, 10, Activation.SIGMOID, 4)
                    .withoutNumNegatives()
                    .objective(1);
            try (NDManager m = TrainingAccess.manager(model).newSubManager();
                    NDScope scope = new NDScope();
                    GradientCollector gc = engine.newGradientCollector()) {
                Recording rec =
                        new Recording(new TrainingModel(network, params, TrainingAccess.tokenizer(model), m, gc));
                engine.setRandomSeed(3);
                objective.backward(triplets(5), rec, 1f);
                assertThat(rec.withoutGradient).hasSize(rec.withGradient.size()).hasSizeGreaterThan(3);
                for (int c = 0; c < rec.withGradient.size(); c++) {
                    assertThat(rec.withGradient.get(c)).as("chunk %d", c).containsExactly(rec.withoutGradient.get(c));
                }
                // dropout is active: the same chunk scored again without the replayed seed differs
                float[] again =
                        rec.inner.logitsWithoutGradient(rec.pairs.get(0)).toFloatArray();
                assertThat(again).isNotEqualTo(rec.withoutGradient.get(0));
            }
            params.all().values().forEach(p -> {
                try (NDArray g = p.getGradient()) {
                    g.muli(0);
                }
            });
        }
    }

    @Test
    @Tag("slow")
    void listwiseAndInBatchLossesTrainThroughTheTrainer() throws Exception {
        Dataset lists = lists(48, 2);
        // (query, relevant, irrelevant) rows for the in-batch losses: each list's documents 1 and 0, 3 and 2
        List<List<Object>> triplets = new ArrayList<>();
        for (var r : lists.rows()) {
            List<?> docs = (List<?>) r.get("docs").orElseThrow();
            triplets.add(List.of(r.get("query").orElseThrow(), docs.get(1), docs.get(0)));
            triplets.add(List.of(r.get("query").orElseThrow(), docs.get(3), docs.get(2)));
        }
        Dataset anchorPositive = Dataset.fromRows("triplets", List.of("anchor", "positive", "negative"), triplets);
        Map<LossConfig, Dataset> runs = new LinkedHashMap<>();
        runs.put(new LambdaLoss(), lists);
        runs.put(new ListNetLoss(), lists);
        runs.put(new MultipleNegativesRankingLoss(), anchorPositive);
        runs.put(new CachedMultipleNegativesRankingLoss(4, 10, Activation.SIGMOID, 8), anchorPositive);
        for (Map.Entry<LossConfig, Dataset> run : runs.entrySet()) {
            String name = run.getKey().name();
            try (CrossEncoder model = TinyTask.model(tmp.resolve("m-" + name))) {
                double before = pairwiseAccuracy(model, lists);
                boolean inBatch = run.getValue() == anchorPositive;
                // in-batch losses need batches without repeated anchors, or a row's positive is another's negative
                TrainingArguments args = TinyTask.args(
                        tmp.resolve("out-" + name),
                        Map.of(
                                "max_steps", 30,
                                "per_device_train_batch_size", 4,
                                "batch_sampler", inBatch ? "no_duplicates" : "batch_sampler"));
                CrossEncoderTrainer.builder(model, args)
                        .trainDataset(TrainingDataset.of("tiny", run.getValue(), run.getKey()))
                        .build()
                        .train();
                double after = pairwiseAccuracy(model, lists);
                assertThat(after)
                        .as("%s: share of (relevant, irrelevant) pairs ranked right, %.3f before", name, before)
                        .isGreaterThan(0.95);
                String card = Files.readString(tmp.resolve("out-" + name).resolve("final/README.md"));
                assertThat(card).contains(name);
            }
        }
    }

    /** Rows (query, [4 documents], [labels]): two relevant documents (they mention the query's topic), two not. */
    private static Dataset lists(int n, long seed) {
        String[] topics = {"berlin", "paris", "cat", "dog", "france", "germany"};
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int t = r.nextInt(topics.length);
            String other = topics[(t + 1 + r.nextInt(topics.length - 1)) % topics.length];
            String other2 = topics[(t + 1 + r.nextInt(topics.length - 1)) % topics.length];
            List<Object> docs = List.of(
                    other + " is bad and the mat",
                    topics[t] + " is good and the cat",
                    other2 + " is bad",
                    topics[t] + " is good");
            rows.add(List.of("what is " + topics[t], docs, List.of(0L, 1L, 0L, 1L)));
        }
        return Dataset.fromRows("lists", List.of("query", "docs", "labels"), rows);
    }

    /** The share of (relevant, irrelevant) document pairs of a query that the model scores in the right order. */
    private static double pairwiseAccuracy(CrossEncoder model, Dataset lists) {
        int right = 0;
        int all = 0;
        for (var r : lists.rows()) {
            String q = (String) r.get("query").orElseThrow();
            List<?> docs = (List<?>) r.get("docs").orElseThrow();
            List<?> labels = (List<?>) r.get("labels").orElseThrow();
            List<TextPair> pairs =
                    docs.stream().map(d -> new TextPair(q, (String) d)).toList();
            float[] s = model.predict(pairs);
            for (int i = 0; i < s.length; i++) {
                for (int j = 0; j < s.length; j++) {
                    if (((Number) labels.get(i)).intValue() > ((Number) labels.get(j)).intValue()) {
                        all++;
                        right += s[i] > s[j] ? 1 : 0;
                    }
                }
            }
        }
        return (double) right / all;
    }

    @Test
    void aConfigFileNamesALossAndItsWeightingScheme() throws Exception {
        Path data = tmp.resolve("lists.jsonl");
        Files.writeString(data, "{\"query\": \"q\", \"docs\": [\"a\", \"b\"], \"labels\": [1, 0]}\n");
        Path file = tmp.resolve("train.yaml");
        Files.writeString(
                file,
                "model: m\ntrain_dataset: {path: " + data + "}\n"
                        + "loss: {name: LambdaLoss, weighting_scheme: NDCGLoss2PPScheme, mu: 5}\n"
                        + "output_dir: " + tmp.resolve("out") + "\n");
        TrainConfig config = TrainConfig.load(file, Map.of("loss.k", "10", "loss.reduction_log", "natural"));
        LossConfig loss = config.trainDatasets().get(0).loss();
        assertThat(loss.configDict())
                .containsEntry(
                        "weighting_scheme", "sentence_transformers.cross_encoder.losses.lambda_loss.NDCGLoss2PPScheme")
                .containsEntry("mu", 5.0)
                .containsEntry("k", 10)
                .containsEntry("reduction_log", "natural");
    }

    private static Batch triplets(int rows) {
        List<Object> anchors = new ArrayList<>();
        List<Object> positives = new ArrayList<>();
        List<Object> negatives = new ArrayList<>();
        String[] topics = {"berlin", "paris", "cat", "dog", "france", "germany", "mat"};
        for (int i = 0; i < rows; i++) {
            anchors.add("what is " + topics[i % topics.length]);
            positives.add(topics[i % topics.length] + " is good and the cat");
            negatives.add(topics[(i + 3) % topics.length] + " is bad and the mat");
        }
        return new Batch("t", List.of(anchors, positives, negatives), List.of());
    }

    private record Step(float loss, Map<String, float[]> gradients) {}

    /** One backward pass of a loss from a fixed generator state; returns the loss and a copy of every gradient. */
    @SuppressWarnings("try") // the scope closes what the step allocates
    private static Step step(CrossEncoder model, Network network, LossConfig loss, Batch batch) {
        Parameters params = TrainingAccess.parameters(model);
        params.all().values().forEach(p -> p.setRequiresGradient(true));
        Engine engine = Engine.getEngine("PyTorch");
        float value;
        try (NDManager m = TrainingAccess.manager(model).newSubManager();
                NDScope scope = new NDScope();
                GradientCollector gc = engine.newGradientCollector()) {
            engine.setRandomSeed(11);
            value = loss.objective(1)
                    .backward(batch, new TrainingModel(network, params, TrainingAccess.tokenizer(model), m, gc), 1f);
        }
        Map<String, float[]> grads = new LinkedHashMap<>();
        params.all().forEach((name, p) -> {
            try (NDArray g = p.getGradient()) {
                grads.put(name, g.toFloatArray());
                g.muli(0);
            }
        });
        return new Step(value, grads);
    }

    /** Records the logits of every call, with and without a graph. */
    private static final class Recording implements PairModel {
        final PairModel inner;
        final List<float[]> withGradient = new ArrayList<>();
        final List<float[]> withoutGradient = new ArrayList<>();
        final List<List<TextPair>> pairs = new ArrayList<>();

        Recording(PairModel inner) {
            this.inner = inner;
        }

        @Override
        public NDArray logits(List<TextPair> p) {
            NDArray x = inner.logits(p);
            withGradient.add(x.toFloatArray());
            return x;
        }

        @Override
        public NDArray logitsWithoutGradient(List<TextPair> p) {
            NDArray x = inner.logitsWithoutGradient(p);
            withoutGradient.add(x.toFloatArray());
            pairs.add(p);
            return x;
        }

        @Override
        public void backward(NDArray scalar) {
            inner.backward(scalar);
        }

        @Override
        public NDManager manager() {
            return inner.manager();
        }

        @Override
        public int numLabels() {
            return inner.numLabels();
        }

        @Override
        public boolean training() {
            return inner.training();
        }
    }
}
