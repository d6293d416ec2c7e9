package dev.rerank4j.bench;

import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.TextPair;
import dev.rerank4j.model.CrossEncoder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * ModernBERT-base-sized inference ({@link ModernBertBase}, random weights): pairs/s at 256 tokens (batch 16), and the
 * peak memory of scoring one sequence of 512, 2,048 and 8,192 tokens, each length in a fresh JVM: the peak resident set
 * ({@code VmHWM}, including loading the 598 MB of weights), the resident set after loading, and the peak resident set
 * while scoring (sampled every 10 ms), whose growth over the loaded model is the activations' memory.
 *
 * <p>Usage: {@code Bench modernbert [--dir /tmp/modernbert-base] [--pairs 48] [--lengths 512,2048,8192] [--xmx 2g]};
 * {@code --run throughput|LENGTH} runs one measurement in this JVM.
 */
public final class ModernBertBench {
    private ModernBertBench() {}

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        Path dir = ModernBertBase.write(Path.of(a.get("--dir", "/tmp/modernbert-base")));
        if (a.values().containsKey("--run")) {
            String run = a.get("--run", "");
            if (run.equals("throughput")) {
                throughput(dir, Integer.parseInt(a.get("--pairs", "48")));
            } else {
                memory(dir, Integer.parseInt(run));
            }
            return;
        }
        List<String> results = new ArrayList<>();
        List<String> runs = new ArrayList<>(List.of("throughput"));
        runs.addAll(List.of(a.get("--lengths", "512,2048,8192").split(",")));
        for (String run : runs) {
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + a.get("--xmx", "2g"),
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Bench.class.getName(),
                    "modernbert",
                    "--dir",
                    dir.toString(),
                    "--pairs",
                    a.get("--pairs", "48"),
                    "--run",
                    run));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
            // as the ./rerank4j launcher sets it: freed tensors of 4 MB and more go back to the system
            pb.environment().putIfAbsent("MALLOC_MMAP_THRESHOLD_", "4194304");
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
                throw new IllegalStateException("run " + run + " failed: exit " + p.exitValue());
            }
        }
        System.out.println();
        results.forEach(System.out::println);
    }

    private static void throughput(Path dir, int n) {
        List<TextPair> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pairs.add(new TextPair("query number " + i + " about long context rerankers", document(i, 2000)));
        }
        PredictOptions options = PredictOptions.defaults().withBatchSize(16).withProgress(ProgressMode.OFF);
        try (CrossEncoder model =
                CrossEncoder.load(dir, CrossEncoderOptions.defaults().withMaxLength(256))) {
            model.predict(pairs.subList(0, 16), options); // warm-up
            double best = 0;
            double bestCpu = 0;
            for (int r = 0; r < 2; r++) {
                long s = System.nanoTime();
                long cpu = processCpuNanos();
                model.predict(pairs, options);
                double pps = n / ((System.nanoTime() - s) / 1e9);
                // On a shared machine the wall clock counts other processes' time too; the process's CPU time over
                // two cores is what two dedicated cores would take (an estimate: it assumes perfect 2-thread scaling).
                double ppsCpu = n / ((processCpuNanos() - cpu) / 1e9 / 2);
                best = Math.max(best, pps);
                bestCpu = Math.max(bestCpu, ppsCpu);
                System.out.printf("run %d: %.2f pairs/s wall clock, %.2f pairs/s per 2 CPU-seconds%n", r, pps, ppsCpu);
            }
            System.out.printf(
                    "RESULT throughput | 256 tokens, batch 16, %d pairs | best of 2: %.2f pairs/s (wall clock), %.2f"
                            + " pairs/s (per 2 CPU-seconds of this process) | load average %.1f | peak RSS %s%n",
                    n,
                    best,
                    bestCpu,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage(),
                    PeakMemory.peakRss());
        }
    }

    private static void memory(Path dir, int length) throws InterruptedException {
        try (CrossEncoder model =
                CrossEncoder.load(dir, CrossEncoderOptions.defaults().withMaxLength(length))) {
            System.gc();
            long afterLoad = Memory.statusKb("VmRSS:");
            long[] peak = {afterLoad};
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak[0] = Math.max(peak[0], Memory.statusKb("VmRSS:"));
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            TextPair pair = new TextPair("a query", document(0, length * 2));
            int tokens = length; // one token per byte: the document is cut to exactly the maximum length
            long s = System.nanoTime();
            float score = model.predict(pair);
            double seconds = (System.nanoTime() - s) / 1e9;
            sampler.interrupt();
            sampler.join();
            peak[0] = Math.max(peak[0], Memory.statusKb("VmRSS:"));
            System.out.printf(
                    "RESULT memory | %d tokens | peak RSS of the JVM (VmHWM, loading included) %.0f MB | RSS after load"
                            + " %.0f MB | peak RSS while scoring %.0f MB (+%.0f MB) | %.1f s | score %.4f%n",
                    tokens,
                    Memory.statusKb("VmHWM:") / 1024.0,
                    afterLoad / 1024.0,
                    peak[0] / 1024.0,
                    (peak[0] - afterLoad) / 1024.0,
                    seconds,
                    score);
        }
    }

    /** This process's CPU time (all threads, user + system), from {@code /proc/self/stat}. */
    private static long processCpuNanos() {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
            return ticks * 10_000_000L; // USER_HZ = 100
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Text of about {@code chars} characters (one token per byte with the benchmark tokenizer). */
    private static String document(int seed, int chars) {
        StringBuilder b = new StringBuilder();
        String[] words = {"rerankers", "score", "query", "document", "pairs", "with", "long", "context", "and", "the"};
        int i = seed;
        while (b.length() < chars) {
            b.append(words[Math.floorMod(i * 7 + 3, words.length)]).append(' ');
            i++;
        }
        return b.toString();
    }
}
