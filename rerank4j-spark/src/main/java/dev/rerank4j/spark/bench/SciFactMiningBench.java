package dev.rerank4j.spark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.TextPair;
import dev.rerank4j.embed.EmbeddingModel;
import dev.rerank4j.mining.DenseCandidates;
import dev.rerank4j.mining.HardNegativeMiner;
import dev.rerank4j.mining.MinedDataset;
import dev.rerank4j.mining.MinedDatasetWriter;
import dev.rerank4j.mining.MiningData;
import dev.rerank4j.mining.MiningOptions;
import dev.rerank4j.spark.ModelSpec;
import dev.rerank4j.spark.SparkMiningOptions;
import dev.rerank4j.spark.SparkRerank;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Mines 5 hard negatives for the SciFact train claims ({@code qrels/train.tsv}) over its 5,183 abstracts with
 * all-MiniLM-L6-v2, either on one JVM ({@code single}: core's miner, as {@code rerank4j mine}) or on Spark ({@code
 * spark}, {@code local[2]} by default): wall time, shuffle bytes (a SparkListener summing every task's shuffle writes),
 * task time per stage, peak heap and peak RSS of the JVM (in local mode the executor is the driver's JVM), and the
 * mined file. Run each mode in its own JVM:
 *
 * <p>{@code -Dbench.pairs=N} and {@code -Dbench.documents=M} take the first N train pairs and the first M abstracts
 * (plus the positives) instead of all of them.
 *
 * <pre>
 * java -cp ... dev.rerank4j.spark.bench.SciFactMiningBench single ../shared out-single.jsonl
 * java -cp ... dev.rerank4j.spark.bench.SciFactMiningBench spark ../shared out-spark.jsonl local[2] 4
 * </pre>
 */
public final class SciFactMiningBench {
    private SciFactMiningBench() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path scifact = Path.of(args[1]).resolve("datasets/beir-scifact");
        Path output = Path.of(args[2]);
        Map<String, String> corpus = texts(scifact.resolve("corpus.jsonl"));
        Map<String, String> claims = texts(scifact.resolve("queries.jsonl"));
        List<TextPair> pairs = new ArrayList<>();
        List<String> lines = Files.readAllLines(scifact.resolve("qrels/train.tsv"));
        int pairLimit = Integer.parseInt(System.getProperty("bench.pairs", "0"));
        int docLimit = Integer.parseInt(System.getProperty("bench.documents", "0"));
        for (String line : lines.subList(1, pairLimit > 0 ? Math.min(lines.size(), pairLimit + 1) : lines.size())) {
            if (!line.isBlank()) {
                String[] f = line.split("\t");
                pairs.add(new TextPair(claims.get(f[0]), corpus.get(f[1])));
            }
        }
        List<String> documents = List.copyOf(corpus.values());
        if (docLimit > 0) {
            documents = documents.subList(0, Math.min(docLimit, documents.size()));
        }
        MiningOptions options = MiningOptions.defaults().withNumNegatives(5).withBatchSize(32);
        String model = "sentence-transformers/all-MiniLM-L6-v2";
        PeakMemory peak = PeakMemory.start();
        long t0 = System.nanoTime();
        MinedDataset mined;
        String extra = "";
        if (mode.equals("single")) {
            try (EmbeddingModel m = EmbeddingModel.load(model)) {
                mined = HardNegativeMiner.mineHardNegatives(
                        new MiningData("claim", "abstract", pairs, documents), DenseCandidates.of(m), options);
            }
        } else {
            String master = args.length > 3 ? args[3] : "local[2]";
            int partitions = args.length > 4 ? Integer.parseInt(args[4]) : 4;
            SparkSession spark = SparkSession.builder()
                    .master(master)
                    .appName("rerank4j SciFact mining bench")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .getOrCreate();
            Shuffle shuffle = new Shuffle();
            spark.sparkContext().addSparkListener(shuffle);
            StructType pairSchema =
                    new StructType().add("claim", DataTypes.StringType).add("abstract", DataTypes.StringType);
            List<Row> pairRows = new ArrayList<>();
            pairs.forEach(p -> pairRows.add(RowFactory.create(p.query(), p.document())));
            List<Row> docRows = new ArrayList<>();
            documents.forEach(d -> docRows.add(RowFactory.create(d)));
            Dataset<Row> pairFrame = spark.createDataFrame(pairRows, pairSchema);
            Dataset<Row> docFrame = spark.createDataFrame(docRows, new StructType().add("text", DataTypes.StringType));
            mined = SparkRerank.mine(
                    pairFrame,
                    Optional.of(docFrame),
                    SparkMiningOptions.of(ModelSpec.of(model), options)
                            .withColumns("claim", "abstract")
                            .withPartitions(partitions));
            extra = shuffle.summary();
            spark.stop();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        MinedDatasetWriter.write(mined, output);
        System.out.printf(
                "mode %s: %d pairs, %d claims, %d documents; %.1f s; %d rows; encode %.1f s, search %.1f s;"
                        + " peak heap %.0f MB, peak RSS %.0f MB%n%s%n",
                mode,
                pairs.size(),
                mined.report().anchors(),
                mined.report().corpusSize(),
                seconds,
                mined.rows().size(),
                mined.report().timings().encodeSeconds(),
                mined.report().timings().searchSeconds(),
                peak.heapMb(),
                PeakMemory.rssMb(),
                extra);
        peak.stop();
    }

    private static Map<String, String> texts(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> out = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    JsonNode n = json.readTree(line);
                    String title = n.path("title").asText("");
                    String text = n.path("text").asText("");
                    out.put(n.path("_id").asText(), title.isEmpty() ? text : title + " " + text);
                }
            }
        }
        return out;
    }

    /** Sums shuffle writes and task times per stage, and keeps each task's time and records. */
    static final class Shuffle extends SparkListener {
        final AtomicLong shuffleBytes = new AtomicLong();
        final AtomicLong shuffleRecords = new AtomicLong();
        final Map<Integer, List<String>> tasks = new ConcurrentHashMap<>();

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskMetrics() == null) {
                return;
            }
            long bytes = end.taskMetrics().shuffleWriteMetrics().bytesWritten();
            shuffleBytes.addAndGet(bytes);
            shuffleRecords.addAndGet(end.taskMetrics().shuffleWriteMetrics().recordsWritten());
            tasks.computeIfAbsent(end.stageId(), s -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(String.format(
                            "p%d %.2fs in=%d shuffle=%dB",
                            end.taskInfo().index(),
                            end.taskMetrics().executorRunTime() / 1000.0,
                            end.taskMetrics().inputMetrics().recordsRead(),
                            bytes));
        }

        String summary() {
            StringBuilder b = new StringBuilder();
            b.append(
                    String.format("shuffle written: %d bytes, %d records%n", shuffleBytes.get(), shuffleRecords.get()));
            new java.util.TreeMap<>(tasks)
                    .forEach((stage, list) -> b.append("stage ")
                            .append(stage)
                            .append(": ")
                            .append(list)
                            .append('\n'));
            return b.toString();
        }
    }

    /** Samples the heap every 50 ms; reads the peak RSS (VmHWM) from /proc. */
    static final class PeakMemory {
        private final Thread sampler;
        private volatile long peak;
        private volatile boolean running = true;

        private PeakMemory() {
            sampler = new Thread(() -> {
                java.lang.management.MemoryMXBean mx = java.lang.management.ManagementFactory.getMemoryMXBean();
                while (running) {
                    peak = Math.max(peak, mx.getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
        }

        static PeakMemory start() {
            return new PeakMemory();
        }

        double heapMb() {
            return peak / 1e6;
        }

        void stop() {
            running = false;
        }

        static double rssMb() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
            return Double.NaN;
        }
    }
}
