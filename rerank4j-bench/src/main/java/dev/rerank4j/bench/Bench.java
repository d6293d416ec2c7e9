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
                    + "      hard-negative mining of the SciFact train claims: documents/s, total time, peak RSS\n"
                    + "  wikiqa-training [--max-steps -1] [--epochs 1] [--batch 16] [--lr 2e-5] [--out DIR] [--shared DIR]\n"
                    + "      fine-tunes the offline MiniLM with BCE on WikiQA train: test MAP/MRR@10 before and after,"
                    + " samples/s\n"
                    + "  loss-comparison [--losses baseline,bce,lambda,listnet,mnrl] [--steps 120] [--eval dev|test]\n"
                    + "      BCE vs LambdaLoss vs ListNet vs MNRL on WikiQA after the same number of steps\n"
                    + "  cmnrl-memory [--steps 1] [--max-length 128] [--xmx 2g]\n"
                    + "      peak memory of MNRL (batch 16, 32) vs cached MNRL (batch 32, 256, mini-batch 16)\n"
                    + "  serve-load [--model M] [--requests 120] [--seconds 60] [--concurrency 1,4,16] [--shared DIR]\n"
                    + "      rerank4j serve on 127.0.0.1 vs in-process predict on WikiQA dev questions: req/s, pairs/s,"
                    + " p50/p99; overload at 10x capacity: 429 latency, peak RSS\n"
                    + "  qwen3-reranker [--tokenizer DIR] [--dir DIR] [--tokens 256] [--pairs 32] [--batch 8]\n"
                    + "      a Qwen3-Reranker-0.6B-sized model on random BF16 weights: load time, peak RSS, pairs/s\n"
                    + "  deberta-throughput [--length 256] [--batch 16] [--pairs 64] [--runs 3] [--vocab 128100]\n"
                    + "      predict pairs/s of a DeBERTa-v3-base-sized reranker with random weights\n"
                    + "  modernbert [--dir /tmp/modernbert-base] [--pairs 48] [--lengths 512,2048,8192] [--xmx 2g]\n"
                    + "      ModernBERT-base-sized random weights: pairs/s at 256 tokens (batch 16), peak memory of one"
                    + " sequence per length\n"
                    + "  onnx [--pairs 1000] [--batch 32] [--runs 3] [--export DIR] [--onnx label=FILE,...] [--python PY]\n"
                    + "      libtorch vs ONNX Runtime (reference file, our export fp32/int8) on the same WikiQA pairs:"
                    + " pairs/s, ms per batch, 16x128, load time, peak RSS; predict and corpus encoding;"
                    + " sentence-transformers with --python\n"
                    + "  training-speed [--steps 12] [--python PY]\n"
                    + "      MiniLM training samples/s (batch 16; WikiQA lengths and 16x128) vs the measured fp32 matmul"
                    + " rate; sentence-transformers' CrossEncoderTrainer with --python");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "bm25-baselines" -> Bm25Baselines.main(rest);
            case "predict-throughput" -> PredictThroughput.main(rest);
            case "mining" -> MiningBenchmark.main(rest);
            case "wikiqa-training" -> WikiQaTraining.main(rest);
            case "loss-comparison" -> WikiQaLossComparison.main(rest);
            case "cmnrl-memory" -> CachedMnrlMemory.main(rest);
            case "serve-load" -> ServeLoad.main(rest);
            case "qwen3-reranker" -> Qwen3Reranker.main(rest);
            case "deberta-throughput" -> DebertaThroughput.main(rest);
            case "modernbert" -> ModernBertBench.main(rest);
            case "onnx" -> OnnxBench.main(rest);
            case "onnx-engine" -> OnnxEngineRun.main(rest);
            case "training-speed" -> TrainingSpeed.main(rest);
            default -> {
                System.err.println("unknown benchmark: " + args[0]);
                System.exit(2);
            }
        }
    }
}
