package dev.rerank4j.bench;

import java.util.Arrays;

/** Entry point of the bench jar: {@code Bench <benchmark> [args...]}. */
public final class Bench {
    private Bench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Bench <benchmark> [args...]\nbenchmarks:\n  bm25-baselines [datasets-dir]"
                    + "   BM25 NDCG@10 on SciFact, ArguAna, NFCorpus vs Anserini, with timings\n"
                    + "  predict-throughput [--model M] [--pairs 1000] [--batch 32] [--runs 3] [--shared DIR]\n"
                    + "      rerank4j predict pairs/s on WikiQA dev vs ONNX Runtime\n"
                    + "  mining [--search exact|hnsw] [--negatives 5] [--batch 32] [--model M] [--shared DIR]\n"
                    + "      hard-negative mining of the SciFact train claims: documents/s, total time, peak RSS");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "bm25-baselines" -> Bm25Baselines.main(rest);
            case "predict-throughput" -> PredictThroughput.main(rest);
            case "mining" -> MiningBenchmark.main(rest);
            default -> {
                System.err.println("unknown benchmark: " + args[0]);
                System.exit(2);
            }
        }
    }
}
