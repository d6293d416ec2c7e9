package dev.rerank4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.TextPair;
import dev.rerank4j.data.PairFile;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.server.RerankServer;
import dev.rerank4j.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load test of {@code rerank4j serve} on 127.0.0.1 against in-process {@code predict} on the same requests: WikiQA dev
 * questions with their candidate sentences (one request = one question), at concurrency 1, 4 and 16, bounded in
 * requests and time. Then overload: a server admitting 4 requests receives 40 at once, several rounds; reports how
 * fast 429 comes, that every request got exactly one answer, and the peak RSS.
 *
 * <p>Usage: {@code Bench serve-load [--model ID|DIR] [--requests 120] [--seconds 60] [--concurrency 1,4,16]
 * [--shared DIR]}.
 */
public final class ServeLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PredictOptions OPTIONS = PredictOptions.defaults().withProgress(ProgressMode.OFF);

    private ServeLoad() {}

    /** One request: a query and its documents. */
    record Job(String query, List<String> documents) {}

    /** What one load level measured. */
    record Level(int requests, int pairs, double seconds, double[] latenciesMs) {
        String row(String what, int concurrency) {
            double[] l = latenciesMs.clone();
            Arrays.sort(l);
            return String.format(
                    "| %s | %d | %d | %.1f | %.0f | %.0f | %.0f |",
                    what,
                    concurrency,
                    requests,
                    requests / seconds,
                    pairs / seconds,
                    percentile(l, 50),
                    percentile(l, 99));
        }
    }

    /** Something that answers one job and returns its number of scores. */
    interface Caller {
        int call(Job job) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        String modelId = a.get("--model", "sentence-transformers/all-MiniLM-L6-v2");
        int maxRequests = Integer.parseInt(a.get("--requests", "120"));
        double maxSeconds = Double.parseDouble(a.get("--seconds", "60"));
        int[] levels = Arrays.stream(a.get("--concurrency", "1,4,16").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        Path shared = Path.of(a.get("--shared", "../shared"));
        List<Job> jobs = jobs(shared.resolve("datasets/wikiqa/WikiQA-dev.tsv"), maxRequests);
        System.out.printf(
                "%d requests (WikiQA dev questions), %d pairs, %.1f documents per request; %d cores%n",
                jobs.size(),
                jobs.stream().mapToInt(j -> j.documents().size()).sum(),
                jobs.stream().mapToInt(j -> j.documents().size()).average().orElse(0),
                Runtime.getRuntime().availableProcessors());

        try (CrossEncoder model = CrossEncoder.load(modelId, "main", CrossEncoderOptions.defaults())) {
            // Warm-up: the first passes of libtorch are slow.
            for (Job j : jobs.subList(0, Math.min(10, jobs.size()))) {
                model.predict(pairs(j), OPTIONS);
            }
            List<String> rows = new ArrayList<>();
            HttpClient http = HttpClient.newBuilder().build();
            try (RerankServer server =
                    RerankServer.start(model, ServerConfig.defaults(modelId).withAddress("127.0.0.1", 0))) {
                URI uri = server.uri().resolve("rerank");
                for (int c : levels) {
                    rows.add(run(jobs, c, maxSeconds, j -> model.predict(pairs(j), OPTIONS).length)
                            .row("in-process predict", c));
                    rows.add(run(jobs, c, maxSeconds, j -> post(http, uri, j)).row("HTTP /rerank", c));
                }
            }
            System.out.println("| path | concurrency | requests | req/s | pairs/s | p50 ms | p99 ms |");
            System.out.println("|---|---|---|---|---|---|---|");
            rows.forEach(System.out::println);
            overload(model, modelId, jobs, http);
        }
        System.out.println("peak RSS: " + PeakMemory.peakRss());
    }

    static Level run(List<Job> jobs, int concurrency, double maxSeconds, Caller caller) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger pairs = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + (long) (maxSeconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < concurrency; t++) {
            Thread thread = new Thread(() -> {
                for (int i = next.getAndIncrement();
                        i < jobs.size() && System.nanoTime() < deadline;
                        i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    try {
                        pairs.addAndGet(caller.call(jobs.get(i)));
                    } catch (Exception e) {
                        failures.add(e);
                        return;
                    }
                    latencies.add((System.nanoTime() - t0) / 1e6);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.peek();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Level(
                latencies.size(),
                pairs.get(),
                seconds,
                latencies.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** 10x capacity: a server admitting 4 requests gets 40 at once, 5 rounds. */
    static void overload(CrossEncoder model, String modelId, List<Job> jobs, HttpClient http) throws Exception {
        int capacity = 4;
        int burst = 10 * capacity;
        int rounds = 5;
        ServerConfig config =
                ServerConfig.defaults(modelId).withAddress("127.0.0.1", 0).withBatching(16_384, capacity, 32, 1_024);
        ConcurrentLinkedQueue<Double> refusedMs = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Double> servedMs = new ConcurrentLinkedQueue<>();
        AtomicInteger other = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        try (RerankServer server = RerankServer.start(model, config)) {
            URI uri = server.uri().resolve("rerank");
            for (int r = 0; r < rounds; r++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < burst; i++) {
                    Job job = jobs.get((r * burst + i) % jobs.size());
                    Thread t = new Thread(() -> {
                        try {
                            go.await();
                            sent.incrementAndGet();
                            long t0 = System.nanoTime();
                            int status = http.send(request(uri, job), HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
                            double ms = (System.nanoTime() - t0) / 1e6;
                            switch (status) {
                                case 200 -> servedMs.add(ms);
                                case 429 -> refusedMs.add(ms);
                                default -> other.incrementAndGet();
                            }
                        } catch (Exception e) {
                            other.incrementAndGet();
                        }
                    });
                    t.start();
                    threads.add(t);
                }
                go.countDown();
                for (Thread t : threads) {
                    t.join();
                }
            }
        }
        double[] refused = sorted(refusedMs);
        double[] served = sorted(servedMs);
        System.out.printf(
                "overload: capacity %d, bursts of %d x %d rounds = %d sent: %d answered 200, %d answered 429, %d other"
                        + " (lost or failed); 429 latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; 200 latency p50 %.0f ms,"
                        + " p99 %.0f ms%n",
                capacity,
                burst,
                rounds,
                sent.get(),
                served.length,
                refused.length,
                other.get(),
                percentile(refused, 50),
                percentile(refused, 99),
                refused.length == 0 ? 0 : refused[refused.length - 1],
                percentile(served, 50),
                percentile(served, 99));
    }

    static int post(HttpClient http, URI uri, Job job) throws Exception {
        HttpResponse<String> r = http.send(request(uri, job), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).size();
    }

    static HttpRequest request(URI uri, Job job) {
        ObjectNode body = JSON.createObjectNode().put("query", job.query());
        job.documents().forEach(body.putArray("texts")::add);
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    static List<TextPair> pairs(Job job) {
        return job.documents().stream().map(d -> new TextPair(job.query(), d)).toList();
    }

    static List<Job> jobs(Path wikiQa, int max) throws Exception {
        Map<String, List<String>> byQuery = new LinkedHashMap<>();
        for (TextPair p : PairFile.read(wikiQa, "Question", "Sentence")) {
            byQuery.computeIfAbsent(p.query(), q -> new ArrayList<>()).add(p.document());
        }
        return byQuery.entrySet().stream()
                .limit(max)
                .map(e -> new Job(e.getKey(), List.copyOf(e.getValue())))
                .toList();
    }

    static double[] sorted(ConcurrentLinkedQueue<Double> xs) {
        double[] out = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(out);
        return out;
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
