"""sentence-transformers 6 on CPU PyTorch, the peer of rerank4j's `Bench onnx` (issue 14, item 4).

One part per process, so that its peak RSS is its own; prints one line
    RESULT <label> <work> <load s> <pairs/s or texts/s> <ms per batch> <16x128 batch ms> <peak RSS kB>
Parts: predict (CrossEncoder.predict on the first N WikiQA dev pairs, batch B), predict-onnx (the same with
backend="onnx", which needs optimum; the error is reported when it does not load), embed (SentenceTransformer.encode
of the pairs' distinct sentences, as mining encodes a corpus).

Usage: python st_bench.py --model DIR --wikiqa WikiQA-dev.tsv [--pairs 1000] [--batch 32] [--runs 3] [--threads 0]
       [--part predict|predict-onnx|embed]   (without --part, each part runs in its own process)
"""

import argparse
import csv
import resource
import subprocess
import sys
import time


def read_pairs(path, n):
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        pairs = []
        for row in rows:
            pairs.append((row["Question"], row["Sentence"]))
            if len(pairs) == n:
                break
    return pairs


def peak_rss_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def median(v):
    return sorted(v)[len(v) // 2]


def fixed_batch_ms(model_forward, tokenizer, pairs, runs):
    import torch

    ids = tokenizer([p[0] for p in pairs[:64]], [p[1] for p in pairs[:64]])["input_ids"]
    tokens = [t for row in ids for t in row if t > 103]
    rows = []
    for r in range(16):
        rows.append([101] + [tokens[(r * 128 + t) % len(tokens)] for t in range(1, 127)] + [102])
    inputs = {
        "input_ids": torch.tensor(rows),
        "attention_mask": torch.ones(16, 128, dtype=torch.long),
        "token_type_ids": torch.zeros(16, 128, dtype=torch.long),
    }
    with torch.inference_mode():
        model_forward(**inputs)
        times = []
        for _ in range(runs):
            s = time.perf_counter()
            model_forward(**inputs)
            times.append(1000 * (time.perf_counter() - s))
    return median(times)


def part(args):
    import torch

    if args.threads > 0:
        torch.set_num_threads(args.threads)
    pairs = read_pairs(args.wikiqa, args.pairs)
    if args.part in ("predict", "predict-onnx"):
        from sentence_transformers import CrossEncoder

        t0 = time.perf_counter()
        kwargs = {"backend": "onnx"} if args.part == "predict-onnx" else {}
        try:
            model = CrossEncoder(args.model, device="cpu", **kwargs)
        except Exception as e:  # optimum missing, no ONNX file, ...
            print(f"sentence-transformers {args.part}: does not load: {type(e).__name__}: {e}".splitlines()[0],
                  file=sys.stderr)
            return
        load = time.perf_counter() - t0
        model.predict(pairs[:64], batch_size=args.batch, show_progress_bar=False)
        rates = []
        for _ in range(args.runs):
            s = time.perf_counter()
            model.predict(pairs, batch_size=args.batch, show_progress_bar=False)
            rates.append(len(pairs) / (time.perf_counter() - s))
        rate = median(rates)
        fixed = float("nan")
        if args.part == "predict":
            fixed = fixed_batch_ms(model.model, model.tokenizer, pairs, args.runs)
        label = "CrossEncoder.predict_" + ("onnx" if args.part == "predict-onnx" else "torch")
        print(f"RESULT {label} predict {load:.3f} {rate:.2f} {1000 * args.batch / rate:.2f} {fixed:.2f} {peak_rss_kb()}")
    else:
        from sentence_transformers import SentenceTransformer

        corpus = list(dict.fromkeys(p[1] for p in pairs))
        t0 = time.perf_counter()
        model = SentenceTransformer(args.model, device="cpu")
        load = time.perf_counter() - t0
        model.encode(corpus[:64], batch_size=args.batch)
        rates = []
        for _ in range(args.runs):
            s = time.perf_counter()
            model.encode(corpus, batch_size=args.batch)
            rates.append(len(corpus) / (time.perf_counter() - s))
        rate = median(rates)
        print(f"RESULT SentenceTransformer.encode_torch embed_corpus {load:.3f} {rate:.2f} "
              f"{1000 * args.batch / rate:.2f} nan {peak_rss_kb()}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--wikiqa", required=True)
    p.add_argument("--pairs", type=int, default=1000)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--part")
    args = p.parse_args()
    if args.part:
        part(args)
        return
    for name in ["predict", "predict-onnx", "embed"]:
        subprocess.run([sys.executable] + sys.argv + ["--part", name], check=False)


if __name__ == "__main__":
    main()
