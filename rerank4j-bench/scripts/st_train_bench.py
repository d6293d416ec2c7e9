"""sentence-transformers 6 CrossEncoderTrainer on CPU, the peer of rerank4j's `Bench training-speed` (issue 14, item 5).

The same rows and arguments as the Java bench: all-MiniLM-L6-v2 with a fresh one-label head, BinaryCrossEntropyLoss,
batch 16, max_length 128, lr 2e-5, warmup_ratio 0.1, seed 12, max_steps N, on the first 16*N rows of WikiQA train at
their real lengths and with each sentence repeated so that every batch is 16x128. Also prints torch's fp32 matmul
rate on the same shapes, measured in the same process.

Usage: python st_train_bench.py --train WikiQASent-train.txt [--steps 12] [--model sentence-transformers/all-MiniLM-L6-v2]
"""

import argparse
import csv
import tempfile
import time

import torch
from datasets import Dataset
from sentence_transformers.cross_encoder import CrossEncoder, CrossEncoderTrainer, CrossEncoderTrainingArguments
from sentence_transformers.cross_encoder.losses import BinaryCrossEntropyLoss


def matmul_gflops():
    x = torch.rand(2048, 384) * 2 - 1
    w1 = torch.rand(384, 1536) * 2 - 1
    w2 = torch.rand(1536, 384) * 2 - 1
    flops = 2.0 * 2 * 2048 * 384 * 1536
    (x @ w1) @ w2
    rates = []
    for _ in range(7):
        s = time.perf_counter()
        (x @ w1) @ w2
        rates.append(flops / (time.perf_counter() - s) / 1e9)
    return sorted(rates)[3]


def rows(path, n, long):
    q, s, l = [], [], []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            sentence = row[1]
            if long:
                sentence = " ".join([sentence] * 8 + ["long enough for 128 tokens, whatever the sentence"])
            q.append(row[0])
            s.append(sentence)
            l.append(float(row[2]))
            if len(q) == n:
                break
    return Dataset.from_dict({"question": q, "sentence": s, "label": l})


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--train", required=True)
    p.add_argument("--steps", type=int, default=12)
    p.add_argument("--model", default="sentence-transformers/all-MiniLM-L6-v2")
    args = p.parse_args()
    print(f"sentence-transformers: torch fp32 matmul {matmul_gflops():.1f} GFLOP/s, {torch.get_num_threads()} threads")
    for what, long in [("real lengths", False), ("16x128", True)]:
        data = rows(args.train, 16 * args.steps, long)
        model = CrossEncoder(args.model, num_labels=1, max_length=128, device="cpu")
        with tempfile.TemporaryDirectory() as out:
            targs = CrossEncoderTrainingArguments(
                output_dir=out,
                max_steps=args.steps,
                per_device_train_batch_size=16,
                learning_rate=2e-5,
                warmup_steps=0.1,  # the ratio, as Transformers v5 spells it
                seed=12,
                save_strategy="no",
                logging_steps=args.steps,
                report_to="none",
                disable_tqdm=True,
                use_cpu=True,
            )
            trainer = CrossEncoderTrainer(
                model=model, args=targs, train_dataset=data, loss=BinaryCrossEntropyLoss(model)
            )
            result = trainer.train()
        sps = result.metrics["train_samples_per_second"]
        print(f"sentence-transformers CrossEncoderTrainer {what}: {args.steps} steps, {sps:.2f} samples/s")


if __name__ == "__main__":
    main()
