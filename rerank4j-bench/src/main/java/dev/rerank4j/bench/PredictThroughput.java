package dev.rerank4j.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.TextPair;
import dev.rerank4j.data.PairFile;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.tokenize.EncodedPair;
import dev.rerank4j.tokenize.PaddedBatch;
import dev.rerank4j.tokenize.PairTokenizer;
import dev.rerank4j.tokenize.TokenizerOptions;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code predict} throughput on the first N pairs of WikiQA dev (question, sentence) at a given batch size, against
 * ONNX Runtime running the same all-MiniLM-L6-v2 encoder on the same length-sorted batches.
 *
 * <p>Usage: {@code Bench predict-throughput [--model ID|DIR] [--pairs 1000] [--batch 32] [--runs 3] [--shared DIR]}.
 */
public final class PredictThroughput {
    private PredictThroughput() {}

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        String modelId = a.get("--model", "sentence-transformers/all-MiniLM-L6-v2");
        int n = Integer.parseInt(a.get("--pairs", "1000"));
        int batch = Integer.parseInt(a.get("--batch", "32"));
        int runs = Integer.parseInt(a.get("--runs", "3"));
        Path shared = Path.of(a.get("--shared", "../shared"));
        List<TextPair> pairs = PairFile.read(shared.resolve("datasets/wikiqa/WikiQA-dev.tsv"), "Question", "Sentence")
                .subList(0, n);

        long t0 = System.nanoTime();
        double[] ours = new double[runs];
        double[] ort = new double[runs];
        double[] ortWithTokenizer = new double[runs];
        double[] tokenizer = new double[runs];
        int tokens;
        // Runs alternate between the two engines so that both see the same machine load.
        try (CrossEncoder model = CrossEncoder.load(modelId, "main", CrossEncoderOptions.defaults());
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                InputStream onnx = PredictThroughput.class.getResourceAsStream("/all-minilm-l6-v2.onnx");
                OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            double loadS = (System.nanoTime() - t0) / 1e9;
            so.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession session = env.createSession(onnx.readAllBytes(), so)) {
                PredictOptions options =
                        PredictOptions.defaults().withBatchSize(batch).withProgress(ProgressMode.OFF);
                List<PaddedBatch> batches = batches(pairs, batch);
                tokens = batches.stream().mapToInt(b -> b.batch() * b.seqLen()).sum();
                model.predict(pairs.subList(0, Math.min(64, n)), options); // warm-up
                run(env, session, batches.subList(0, 2));
                for (int r = 0; r < runs; r++) {
                    long s = System.nanoTime();
                    model.predict(pairs, options);
                    ours[r] = n / ((System.nanoTime() - s) / 1e9);
                    s = System.nanoTime();
                    run(env, session, batches);
                    double ortSeconds = (System.nanoTime() - s) / 1e9;
                    ort[r] = n / ortSeconds;
                    s = System.nanoTime();
                    batches(pairs, batch);
                    double tokSeconds = (System.nanoTime() - s) / 1e9;
                    tokenizer[r] = n / tokSeconds;
                    ortWithTokenizer[r] = n / (ortSeconds + tokSeconds);
                }
            }
            System.out.printf("model %s (max_length %d), loaded in %.2f s%n", modelId, model.maxLength(), loadS);
        }
        Arrays.sort(ours);
        Arrays.sort(ort);
        Arrays.sort(ortWithTokenizer);
        Arrays.sort(tokenizer);
        System.out.printf(
                "WikiQA dev, first %d pairs, batch %d, %d padded tokens, %d runs, %d cores%n",
                n, batch, tokens, runs, Runtime.getRuntime().availableProcessors());
        System.out.printf(
                "rerank4j predict (DJL/libtorch):  median %.1f pairs/s (runs %s)%n",
                ours[runs / 2], Arrays.toString(round(ours)));
        System.out.printf(
                "ONNX Runtime encoder only:        median %.1f pairs/s (runs %s)%n",
                ort[runs / 2], Arrays.toString(round(ort)));
        System.out.printf(
                "ONNX Runtime + our tokenization:  median %.1f pairs/s (runs %s)%n",
                ortWithTokenizer[runs / 2], Arrays.toString(round(ortWithTokenizer)));
        System.out.printf(
                "tokenization + padding alone:     median %.1f pairs/s (runs %s)%n",
                tokenizer[runs / 2], Arrays.toString(round(tokenizer)));
        System.out.printf("peak RSS %s%n", PeakMemory.peakRss());
    }

    /** The pairs tokenized with the MiniLM tokenizer, sorted by length (longest first) and padded in batches. */
    static List<PaddedBatch> batches(List<TextPair> pairs, int batch) throws Exception {
        Path dir = Files.createTempDirectory("bench-tok");
        try (InputStream in = PredictThroughput.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            Files.copy(in, dir.resolve("tokenizer.json"));
        }
        try (PairTokenizer tok = PairTokenizer.load(dir, TokenizerOptions.longestFirst(512), 0)) {
            List<EncodedPair> enc = new ArrayList<>(tok.encode(pairs));
            enc.sort(Comparator.comparingInt(EncodedPair::length).reversed());
            List<PaddedBatch> out = new ArrayList<>();
            for (int i = 0; i < enc.size(); i += batch) {
                out.add(tok.pad(enc.subList(i, Math.min(enc.size(), i + batch)), true));
            }
            return out;
        }
    }

    private static void run(OrtEnvironment env, OrtSession session, List<PaddedBatch> batches) throws Exception {
        for (PaddedBatch b : batches) {
            long[] shape = {b.batch(), b.seqLen()};
            Map<String, OnnxTensor> in = Map.of(
                    "input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(b.ids()), shape),
                    "attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(b.attentionMask()), shape),
                    "token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(b.typeIds()), shape));
            try (OrtSession.Result r = session.run(in)) {
                r.get(0);
            } finally {
                in.values().forEach(OnnxTensor::close);
            }
        }
    }

    private static double[] round(double[] v) {
        return Arrays.stream(v).map(x -> Math.round(x * 10) / 10.0).toArray();
    }
}
