package dev.rerank4j.bench;

import dev.rerank4j.Activation;
import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.data.Dataset;
import dev.rerank4j.loss.CachedMultipleNegativesRankingLoss;
import dev.rerank4j.loss.LossConfig;
import dev.rerank4j.loss.MultipleNegativesRankingLoss;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.train.CrossEncoderTrainer;
import dev.rerank4j.train.TrainingArguments;
import dev.rerank4j.train.TrainingDataset;
import dev.rerank4j.train.TrainingResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Peak memory of MultipleNegativesRankingLoss against CachedMultipleNegativesRankingLoss (GradCache) when training the
 * offline all-MiniLM-L6-v2 on WikiQA (question, answer) pairs, each configuration in its own JVM: the peak resident
 * set ({@code VmHWM}) and the peak resident memory outside the Java heap (libtorch's tensors).
 *
 * <p>Usage: {@code CachedMnrlMemory [--shared DIR] [--steps 1] [--max-length 128] [--xmx 2g]} runs MNRL at batch 16 and
 * 32 and CMNRL (mini_batch_size 16) at batch 32 and 256; {@code --run mnrl|cmnrl --batch N [--mini-batch M]} runs one
 * configuration in this JVM.
 */
public final class CachedMnrlMemory {
    private CachedMnrlMemory() {}

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        if (a.values().containsKey("--run")) {
            runOne(a);
            return;
        }
        List<String[]> configs = List.of(
                new String[] {"mnrl", "16", "0"},
                new String[] {"mnrl", "32", "0"},
                new String[] {"cmnrl", "32", "16"},
                new String[] {"cmnrl", "256", "16"});
        List<String> results = new ArrayList<>();
        for (String[] c : configs) {
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + a.get("--xmx", "2g"),
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp",
                    System.getProperty("java.class.path"),
                    CachedMnrlMemory.class.getName(),
                    "--run",
                    c[0],
                    "--batch",
                    c[1],
                    "--mini-batch",
                    c[2]));
            for (String k : List.of("--shared", "--steps", "--max-length")) {
                if (a.values().containsKey(k)) {
                    cmd.add(k);
                    cmd.add(a.get(k, ""));
                }
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
            Process p = pb.start();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    System.out.println("  | " + line);
                    if (line.startsWith("RESULT ")) {
                        results.add(line.substring(7));
                    }
                }
            }
            if (p.waitFor() != 0) {
                throw new IllegalStateException(
                        "configuration " + String.join(" ", c) + " failed: exit " + p.exitValue());
            }
        }
        System.out.println();
        System.out.println(
                "| loss | batch | mini_batch_size | pairs/step | peak RSS (MB) | peak off-heap RSS (MB) | RSS after load (MB) | s/step |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        results.forEach(System.out::println);
    }

    private static void runOne(Args a) throws Exception {
        String which = a.get("--run", "mnrl");
        int batch = Integer.parseInt(a.get("--batch", "32"));
        int mini = Integer.parseInt(a.get("--mini-batch", "16"));
        int steps = Integer.parseInt(a.get("--steps", "1"));
        int maxLength = Integer.parseInt(a.get("--max-length", "128"));
        Path shared = Path.of(a.get("--shared", "../shared"));
        // sentence-transformers' defaults: 4 in-batch negatives, scale 10, sigmoid
        LossConfig loss = which.equals("mnrl")
                ? new MultipleNegativesRankingLoss()
                : new CachedMultipleNegativesRankingLoss(4, 10.0, Activation.SIGMOID, mini);
        List<List<Object>> rows = new ArrayList<>();
        for (WikiQa.Query q : WikiQa.train(shared)) {
            for (int i = 0; i < q.docs().size(); i++) {
                if (q.labels().get(i) > 0) {
                    rows.add(List.of(q.question(), q.docs().get(i)));
                }
            }
        }
        Dataset data = Dataset.fromRows("wikiqa-positives", List.of("anchor", "positive"), rows);
        Path out = Files.createTempDirectory("cmnrl-memory");
        try (Memory memory = Memory.sample20ms();
                CrossEncoder model = CrossEncoder.load(
                        "sentence-transformers/all-MiniLM-L6-v2",
                        "main",
                        CrossEncoderOptions.defaults().withMaxLength(maxLength).withSeed(12))) {
            long afterLoad = Memory.statusKb("VmRSS:");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("output_dir", out.toString());
            m.put("max_steps", steps);
            m.put("per_device_train_batch_size", batch);
            m.put("learning_rate", 2e-5);
            m.put("hidden_dropout_prob", 0.0);
            m.put("attention_probs_dropout_prob", 0.0);
            m.put("batch_sampler", "no_duplicates");
            m.put("save_strategy", "no");
            m.put("logging_steps", 1);
            m.put("disable_tqdm", true);
            m.put("seed", 12);
            TrainingResult r = CrossEncoderTrainer.builder(model, TrainingArguments.of(m))
                    .trainDataset(TrainingDataset.of("wikiqa", data, loss))
                    .build()
                    .train();
            System.out.printf(
                    "RESULT | %s | %d | %s | %d | %.0f | %.0f | %.0f | %.1f |%n",
                    loss.name(),
                    batch,
                    which.equals("mnrl") ? "-" : Integer.toString(mini),
                    batch * 5,
                    Memory.statusKb("VmHWM:") / 1024.0,
                    memory.peakOffHeapKb() / 1024.0,
                    afterLoad / 1024.0,
                    r.runtimeSeconds() / r.globalStep());
        } finally {
            try (Stream<Path> walk = Files.walk(out)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
