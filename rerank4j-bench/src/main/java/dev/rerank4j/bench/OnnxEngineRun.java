package dev.rerank4j.bench;

import dev.rerank4j.Backend;
import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.TextPair;
import dev.rerank4j.backend.InferenceBackend;
import dev.rerank4j.backend.TextEncoder;
import dev.rerank4j.backend.TextEncoders;
import dev.rerank4j.data.PairFile;
import dev.rerank4j.embed.EmbeddingModel;
import dev.rerank4j.embed.EmbeddingOptions;
import dev.rerank4j.embed.EncodeOptions;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.onnx.OnnxBackend;
import dev.rerank4j.onnx.OnnxOptions;
import dev.rerank4j.tokenize.PaddedBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One engine of {@link OnnxBench}, in its own JVM so that its load time and peak RSS are its own. Prints one line,
 * {@code RESULT kind load_s rate_per_s ms_per_batch fixed_ms peak_rss_kb}.
 *
 * <p>Kinds: {@code torch-encoder DIR} and {@code onnx-encoder FILE} / {@code onnx-logits FILE} run the backend seam on
 * the same pre-tokenized, length-sorted batches of WikiQA dev pairs (tokenization excluded, so that the engines are
 * compared on the same work), plus a fixed 16x128 batch; {@code predict-torch DIR} and {@code predict-onnx DIR FILE}
 * run {@link CrossEncoder#predict} end to end (tokenization included); {@code embed-torch DIR} and {@code embed-onnx
 * DIR} encode a corpus of WikiQA sentences for mining (texts/s).
 */
final class OnnxEngineRun {
    private OnnxEngineRun() {}

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(Arrays.copyOfRange(args, 1, args.length));
        String kind = args[0];
        int n = Integer.parseInt(a.get("--pairs", "1000"));
        int batch = Integer.parseInt(a.get("--batch", "32"));
        int runs = Integer.parseInt(a.get("--runs", "3"));
        int threads = Integer.parseInt(a.get("--threads", "0"));
        Path shared = Path.of(a.get("--shared", "../shared"));
        Path target = Path.of(a.get("--target", "."));
        List<TextPair> pairs = PairFile.read(shared.resolve("datasets/wikiqa/WikiQA-dev.tsv"), "Question", "Sentence")
                .subList(0, n);
        double[] result = switch (kind) {
            case "torch-encoder" -> {
                long t0 = System.nanoTime();
                try (TextEncoder e = TextEncoders.load(target, threads, "torch")) {
                    yield seam(secondsSince(t0), e::hiddenStates, pairs, batch, runs);
                }
            }
            case "onnx-encoder", "onnx-logits" -> {
                long t0 = System.nanoTime();
                String output = kind.equals("onnx-encoder") ? OnnxBackend.LAST_HIDDEN_STATE : OnnxBackend.LOGITS;
                try (OnnxBackend b =
                        OnnxBackend.open(target, output, OnnxOptions.defaults().withThreads(threads))) {
                    Function<PaddedBatch, InferenceBackend.Output> run =
                            kind.equals("onnx-encoder") ? b::hiddenStates : b::logits;
                    yield seam(secondsSince(t0), run, pairs, batch, runs);
                }
            }
            case "predict-torch", "predict-onnx" -> {
                CrossEncoderOptions options = CrossEncoderOptions.defaults().withThreads(threads);
                if (kind.equals("predict-onnx")) {
                    options = options.withBackend(Backend.ONNX).withOnnxFile(a.get("--file", "onnx/model.onnx"));
                }
                long t0 = System.nanoTime();
                try (CrossEncoder model = CrossEncoder.load(target, options)) {
                    double load = secondsSince(t0);
                    PredictOptions p =
                            PredictOptions.defaults().withBatchSize(batch).withProgress(ProgressMode.OFF);
                    model.predict(pairs.subList(0, Math.min(64, n)), p); // warm-up
                    double[] rates = new double[runs];
                    for (int r = 0; r < runs; r++) {
                        long s = System.nanoTime();
                        model.predict(pairs, p);
                        rates[r] = n / secondsSince(s);
                    }
                    double median = median(rates);
                    yield new double[] {load, median, 1000.0 * batch / median, Double.NaN};
                }
            }
            case "embed-torch", "embed-onnx" -> {
                List<String> corpus = new ArrayList<>(new LinkedHashSet<>(
                        pairs.stream().map(TextPair::document).toList()));
                EmbeddingOptions options = EmbeddingOptions.defaults().withThreads(threads);
                if (kind.equals("embed-onnx")) {
                    options = options.withBackend(Backend.ONNX);
                }
                long t0 = System.nanoTime();
                try (EmbeddingModel model = EmbeddingModel.load(target, options)) {
                    double load = secondsSince(t0);
                    EncodeOptions e = EncodeOptions.defaults().withBatchSize(batch);
                    model.encode(corpus.subList(0, 64), e); // warm-up
                    double[] rates = new double[runs];
                    for (int r = 0; r < runs; r++) {
                        long s = System.nanoTime();
                        model.encode(corpus, e);
                        rates[r] = corpus.size() / secondsSince(s);
                    }
                    double median = median(rates);
                    yield new double[] {load, median, 1000.0 * batch / median, Double.NaN};
                }
            }
            default -> throw new IllegalArgumentException("unknown engine kind " + kind);
        };
        System.out.printf(
                Locale.ROOT,
                "RESULT %s %.3f %.2f %.2f %.2f %d%n",
                kind,
                result[0],
                result[1],
                result[2],
                result[3],
                peakRssKb());
    }

    /** {load s, pairs/s, ms per batch, ms of the fixed 16x128 batch}: medians over the runs. */
    private static double[] seam(
            double loadS, Function<PaddedBatch, InferenceBackend.Output> run, List<TextPair> pairs, int batch, int runs)
            throws Exception {
        List<PaddedBatch> batches = PredictThroughput.batches(pairs, batch);
        PaddedBatch fixed = fixed(batches.get(0), 16, 128);
        run.apply(batches.get(batches.size() / 2)); // warm-up
        run.apply(fixed);
        double[] rates = new double[runs];
        double[] perBatch = new double[runs];
        double[] fixedMs = new double[runs];
        for (int r = 0; r < runs; r++) {
            long s = System.nanoTime();
            for (PaddedBatch b : batches) {
                run.apply(b);
            }
            double seconds = secondsSince(s);
            rates[r] = pairs.size() / seconds;
            perBatch[r] = 1000 * seconds / batches.size();
            s = System.nanoTime();
            run.apply(fixed);
            fixedMs[r] = 1000 * secondsSince(s);
        }
        return new double[] {loadS, median(rates), median(perBatch), median(fixedMs)};
    }

    /** A rows x len batch of real tokens (no padding), its ids taken in turn from a real batch's tokens. */
    static PaddedBatch fixed(PaddedBatch real, int rows, int len) {
        long[] tokens = Arrays.stream(real.ids()).filter(id -> id > 103).toArray();
        long[] ids = new long[rows * len];
        for (int r = 0; r < rows; r++) {
            ids[r * len] = 101;
            for (int t = 1; t < len - 1; t++) {
                ids[r * len + t] = tokens[(r * len + t) % tokens.length];
            }
            ids[r * len + len - 1] = 102;
        }
        long[] mask = new long[rows * len];
        Arrays.fill(mask, 1);
        return new PaddedBatch(rows, len, ids, new long[rows * len], mask);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static long peakRssKb() {
        String v = PeakMemory.peakRss(); // "123456 kB"
        return v.endsWith("kB") ? Long.parseLong(v.replace("kB", "").trim()) : -1;
    }
}
