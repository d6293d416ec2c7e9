#!/usr/bin/env python3
"""Makes rerank4j-core/src/main/resources/dev/rerank4j/recipe/squad2-dev-half.jsonl.gz, the recipe's bundled data.

Input: the CS224n half of the SQuAD 2.0 dev set (chrischute/squad @ 85623ad, data/dev-v2.0.json; SQuAD 2.0,
Rajpurkar, Jia and Liang 2018, CC BY-SA 4.0). Output: one JSON line per ANSWERABLE question, in file order:
{"id", "question", "context", "title"} (title with underscores as spaces). Unanswerable questions
(is_impossible) are left out. Written byte-for-byte reproducibly (gzip mtime 0, no file name).

Usage: python3 examples/data/make-squad2-dev-half.py ../shared/datasets/squad2-dev-half/dev-v2.0.json
"""
import gzip
import io
import json
import sys

OUT = "rerank4j-core/src/main/resources/dev/rerank4j/recipe/squad2-dev-half.jsonl.gz"


def main(path):
    with open(path, encoding="utf-8") as f:
        squad = json.load(f)
    lines = []
    skipped = 0
    for article in squad["data"]:
        title = article["title"].replace("_", " ")
        for paragraph in article["paragraphs"]:
            context = paragraph["context"].strip()
            for qa in paragraph["qas"]:
                if qa.get("is_impossible") or not qa.get("answers"):
                    skipped += 1
                    continue
                row = {"id": qa["id"], "question": qa["question"].strip(), "context": context, "title": title}
                lines.append(json.dumps(row, ensure_ascii=False))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as g:
        g.write(data)
    with open(OUT, "wb") as f:
        f.write(buf.getvalue())
    print(f"{OUT}: {len(lines)} answerable questions ({skipped} unanswerable left out), {len(buf.getvalue())} bytes")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets/squad2-dev-half/dev-v2.0.json")
