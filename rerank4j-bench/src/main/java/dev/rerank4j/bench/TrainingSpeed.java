package dev.rerank4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.ProgressListener;
import dev.rerank4j.data.Dataset;
import dev.rerank4j.data.DatasetFiles;
import dev.rerank4j.data.ReadOptions;
import dev.rerank4j.data.Row;
import dev.rerank4j.hub.ModelLocator;
import dev.rerank4j.loss.BinaryCrossEntropyLoss;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.train.CrossEncoderTrainer;
import dev.rerank4j.train.TrainingArguments;
import dev.rerank4j.train.TrainingDataset;
import dev.rerank4j.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Training speed (issue 14, item 5): samples/s of MiniLM-L6 training steps (BCE, batch 16, max_length 128) on WikiQA
 * train at its real lengths and on rows long enough that every batch is 16x128, next to this machine's fp32
 * matrix-product rate measured in the same run (libtorch, the shapes of MiniLM's linear layers at 16x128). At 16x128
 * the work per step is known: 6 x (linear weights) x tokens for forward and backward plus 12 x layers x seq^2 x
 * hidden x rows for attention, so the step's share of the limit and the time outside the matrix products (optimizer,
 * data, Java, non-matmul kernels) follow.
 *
 * <p>Usage: {@code Bench training-speed [--steps 12] [--shared DIR] [--python PY]}; with {@code --python} (a Python
 * with sentence-transformers 6), {@code scripts/st_train_bench.py} runs CrossEncoderTrainer on the same rows and
 * arguments.
 */
public final class TrainingSpeed {
    private static final int LAYERS = 6;
    private static final int HIDDEN = 384;
    private static final int INTERMEDIATE = 1536;
    private static final int BATCH = 16;
    private static final int SEQ = 128;

    private TrainingSpeed() {}

    public static void main(String[] argv) throws Exception {
        Args a = Args.parse(argv);
        Path shared = Path.of(a.get("--shared", "../shared"));
        int steps = Integer.parseInt(a.get("--steps", "12"));
        Path trainFile = shared.resolve("datasets/wikiqa/WikiQASent-train.txt");
        Dataset real = DatasetFiles.read(
                        trainFile, ReadOptions.defaults().withColumnNames(List.of("question", "sentence", "label")))
                .take(BATCH * steps);
        Dataset fixed = padded(real);

        double limit = matmulGflops();
        System.out.printf(Locale.ROOT, "fp32 matmul (libtorch, [2048x384]x[384x1536] and back): %.1f GFLOP/s%n", limit);
        double realRate = train(real, steps, "real");
        double fixedRate = train(fixed, steps, "16x128");
        double limitAfter = matmulGflops();
        double meanLimit = (limit + limitAfter) / 2;
        double flopsPerStep = 6.0 * LAYERS * (4.0 * HIDDEN * HIDDEN + 2.0 * HIDDEN * INTERMEDIATE) * BATCH * SEQ
                + 12.0 * LAYERS * SEQ * SEQ * HIDDEN * BATCH;
        double stepSeconds = BATCH / fixedRate;
        double matmulSeconds = flopsPerStep / (meanLimit * 1e9);
        System.out.printf(
                Locale.ROOT,
                "fp32 matmul again after training: %.1f GFLOP/s (mean %.1f)%n"
                        + "| training step (batch 16, BCE) | samples/s | step s | GFLOP/s | share of the matmul limit"
                        + " | time outside matmuls |%n|---|---:|---:|---:|---:|---:|%n"
                        + "| WikiQA train, real lengths (max 128) | %.2f | %.2f | | | |%n"
                        + "| fixed 16x128 | %.2f | %.2f | %.1f | %.0f%% | %.2f s (%.0f%%) |%n",
                limitAfter,
                meanLimit,
                realRate,
                BATCH / realRate,
                fixedRate,
                stepSeconds,
                flopsPerStep / stepSeconds / 1e9,
                100 * flopsPerStep / stepSeconds / 1e9 / meanLimit,
                stepSeconds - matmulSeconds,
                100 * (stepSeconds - matmulSeconds) / stepSeconds);
        String python = a.get("--python", "");
        if (!python.isEmpty()) {
            Path script = Path.of(a.get("--script", "rerank4j-bench/scripts/st_train_bench.py"));
            ProcessBuilder pb = new ProcessBuilder(
                            python,
                            script.toString(),
                            "--train",
                            trainFile.toAbsolutePath().toString(),
                            "--steps",
                            Integer.toString(steps),
                            "--model",
                            ModelLocator.fromEnvironment(ProgressListener.NONE)
                                    .locate("sentence-transformers/all-MiniLM-L6-v2", "main")
                                    .toString())
                    .inheritIO();
            pb.environment().putIfAbsent("HF_HUB_OFFLINE", "1");
            Process p = pb.start();
            p.waitFor();
        }
        System.out.printf("cores %d, peak RSS %s%n", Runtime.getRuntime().availableProcessors(), PeakMemory.peakRss());
    }

    /** The rows with each sentence repeated until the pair passes 128 tokens, so every batch is 16x128. */
    static Dataset padded(Dataset real) {
        List<List<Object>> values = new ArrayList<>();
        for (Row r : real.rows()) {
            String s = (String) r.get("sentence").orElseThrow();
            values.add(List.of(
                    r.get("question").orElseThrow(),
                    String.join(" ", s, s, s, s, s, s, s, s, "long enough for 128 tokens, whatever the sentence"),
                    r.get("label").orElseThrow()));
        }
        return Dataset.fromRows("wikiqa-16x128", List.of("question", "sentence", "label"), values);
    }

    /** Trains a fresh MiniLM cross-encoder for {@code steps} steps; returns samples/s. */
    private static double train(Dataset data, int steps, String what) throws Exception {
        Path out = Files.createTempDirectory("training-speed");
        CrossEncoderOptions options = CrossEncoderOptions.defaults().withMaxLength(SEQ);
        try (CrossEncoder model = CrossEncoder.load("sentence-transformers/all-MiniLM-L6-v2", "main", options)) {
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("output_dir", out.toString());
            args.put("max_steps", steps);
            args.put("per_device_train_batch_size", BATCH);
            args.put("learning_rate", 2e-5);
            args.put("warmup_ratio", 0.1);
            args.put("seed", 12L);
            args.put("logging_steps", steps);
            args.put("save_strategy", "no");
            args.put("disable_tqdm", true);
            TrainingResult r = CrossEncoderTrainer.builder(model, TrainingArguments.of(args))
                    .trainDataset(TrainingDataset.of("wikiqa", data, new BinaryCrossEntropyLoss()))
                    .build()
                    .train();
            System.out.printf(
                    Locale.ROOT,
                    "rerank4j %s: %d steps in %.1f s, %.2f samples/s%n",
                    what,
                    r.globalStep(),
                    r.runtimeSeconds(),
                    r.samplesPerSecond());
            return r.samplesPerSecond();
        }
    }

    /** fp32 GFLOP/s of libtorch matrix products of MiniLM's linear shapes at 16x128 tokens (median of 7). */
    static double matmulGflops() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(-1, 1, new Shape(BATCH * SEQ, HIDDEN));
            NDArray w1 = m.randomUniform(-1, 1, new Shape(HIDDEN, INTERMEDIATE));
            NDArray w2 = m.randomUniform(-1, 1, new Shape(INTERMEDIATE, HIDDEN));
            double flops = 2.0 * 2 * BATCH * SEQ * HIDDEN * INTERMEDIATE;
            double[] rates = new double[7];
            x.matMul(w1).matMul(w2).close(); // warm-up
            for (int i = 0; i < rates.length; i++) {
                long s = System.nanoTime();
                try (NDArray h = x.matMul(w1);
                        NDArray y = h.matMul(w2)) {
                    y.toFloatArray(); // wait for the result
                }
                rates[i] = flops / ((System.nanoTime() - s) / 1e9) / 1e9;
            }
            java.util.Arrays.sort(rates);
            return rates[rates.length / 2];
        }
    }
}
