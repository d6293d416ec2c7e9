"""Builds the tiny Qwen3/Qwen2 reranker fixtures of rerank4j's tests with the real libraries.

Run from the repository root with a venv holding transformers, sentence-transformers and torch (CPU):

    python rerank4j-core/src/test/python/make_qwen3_fixtures.py

It writes, under rerank4j-core/src/test/resources/fixtures/qwen3/:
  causal/        a seeded random Qwen3ForCausalLM (tied embeddings) with a tiny byte-level BPE tokenizer that has
                 "yes" and "no" tokens, loaded by sentence-transformers' CrossEncoder and saved by it (modules.json,
                 1_LogitScore/, chat_template.jinja, ...), plus expected.json: the token ids sentence-transformers
                 feeds the model and the raw scores logit(yes) - logit(no), for pairs with and without an instruction
  qwen2/         the same for a Qwen2ForCausalLM (QKV biases, no q/k norms)
  seqcls/        a Qwen3ForSequenceClassification (3 labels) with its logits on the last non-pad token
The template is rerank4j's own Qwen3-Reranker chat template (rerank4j-core/src/main/resources/...).
"""
import json
import os
import shutil
import sys

import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import (AutoModelForSequenceClassification, PreTrainedTokenizerFast, Qwen2Config,
                          Qwen2ForCausalLM, Qwen3Config, Qwen3ForCausalLM, Qwen3ForSequenceClassification)
from sentence_transformers import CrossEncoder

ROOT = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(ROOT, "..", "resources", "fixtures", "qwen3")
TEMPLATE = os.path.join(ROOT, "..", "..", "main", "resources", "dev", "rerank4j", "model", "qwen3",
                        "qwen3-reranker-chat-template.jinja")
SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
CORPUS = [
    "yes no yes no maybe", "Judge whether the Document meets the requirements based on the Query and the Instruct "
    "provided. Note that the answer can only be \"yes\" or \"no\".", "<Instruct>: <Query>: <Document>: <think> </think>",
    "Given a web search query, retrieve relevant passages that answer the query",
    "how many people live in berlin? berlin is the capital of germany.", "the cat sat on the mat and the dog sat too.",
    "what is the capital of france? paris is the capital of france.", "Find a passage about animals.",
]
PAIRS = [
    ["how many people live in berlin?", "berlin is the capital of germany."],
    ["who", "a"],
    ["the cat", "the dog sat on the mat and the cat sat on the dog, who is a good dog."],
    ["what is the capital of france?", "paris is the capital of france."],
]
INSTRUCTION = "Find a passage about animals."


def tokenizer_files(directory):
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=420, special_tokens=SPECIALS,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(CORPUS * 20, trainer)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="<|endoftext|>", eos_token="<|im_end|>",
                                   model_max_length=512)
    with open(TEMPLATE) as f:
        fast.chat_template = f.read()
    assert fast.convert_tokens_to_ids("yes") not in (None, fast.unk_token_id), "no 'yes' token"
    assert fast.convert_tokens_to_ids("no") not in (None, fast.unk_token_id), "no 'no' token"
    fast.save_pretrained(directory)
    return fast


def randomise(model, seed):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("norm.weight"):
                p.copy_(1 + 0.1 * torch.randn(p.shape, generator=g))
            elif name.endswith(".bias"):
                p.copy_(0.05 * torch.randn(p.shape, generator=g))
            else:
                p.copy_(0.2 * torch.randn(p.shape, generator=g))


def sizes(vocab, pad):
    return dict(vocab_size=vocab, hidden_size=32, intermediate_size=48, num_hidden_layers=2, num_attention_heads=4,
                num_key_value_heads=2, max_position_embeddings=256, rope_theta=10000.0, rms_norm_eps=1e-6,
                tie_word_embeddings=True, pad_token_id=pad, initializer_range=0.02)


def causal(name, config_class, model_class, seed, extra):
    raw = os.path.join(OUT, name + "-raw")
    shutil.rmtree(raw, ignore_errors=True)
    tok = tokenizer_files(raw)
    torch.manual_seed(seed)
    config = config_class(**sizes(len(tok), tok.pad_token_id), **extra)
    config.architectures = [model_class.__name__]
    model = model_class(config).eval()
    randomise(model, seed)
    model.save_pretrained(raw)
    ce = CrossEncoder(raw)
    target = os.path.join(OUT, name)
    shutil.rmtree(target, ignore_errors=True)
    ce.save(target)
    shutil.rmtree(raw)
    ce = CrossEncoder(target)  # what a user gets from the saved directory
    expected = {"pairs": PAIRS, "instruction": INSTRUCTION, "rows": []}
    for prompt in (None, INSTRUCTION):
        features = ce.preprocess([tuple(p) for p in PAIRS], prompt=prompt)
        scores = ce.predict([tuple(p) for p in PAIRS], prompt=prompt, activation_fn=torch.nn.Identity(),
                            batch_size=len(PAIRS))
        ids = features["input_ids"].tolist()
        mask = features["attention_mask"].tolist()
        for i in range(len(PAIRS)):
            expected["rows"].append({
                "instruction": prompt,
                "input_ids": [t for t, m in zip(ids[i], mask[i]) if m == 1],
                "score": float(scores[i]),
            })
    sig = ce.predict([tuple(p) for p in PAIRS], batch_size=len(PAIRS))
    expected["sigmoid_scores"] = [float(s) for s in sig]
    # One loss gradient, for the training path: BCE on the raw scores, labels 1, 0, 1, 0.
    model = ce[0].auto_model
    model.train()
    for m in model.modules():
        if isinstance(m, torch.nn.Dropout):
            m.p = 0.0
    features = ce.preprocess([tuple(p) for p in PAIRS])
    features = {k: v for k, v in features.items() if isinstance(v, torch.Tensor)}
    logits = model(input_ids=features["input_ids"], attention_mask=features["attention_mask"]).logits[:, -1]
    head = ce[1]
    scores = logits[:, head.true_token_id] - logits[:, head.false_token_id]
    loss = torch.nn.functional.binary_cross_entropy_with_logits(scores, torch.tensor([1.0, 0.0, 1.0, 0.0]))
    loss.backward()
    probe = "model.layers.1.mlp.down_proj.weight"
    grad = dict(model.named_parameters())[probe].grad
    expected["bce_loss"] = float(loss)
    expected["gradient"] = {"name": probe, "values": grad.flatten().tolist()[:64]}
    with open(os.path.join(target, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    print(name, "scores", [r["score"] for r in expected["rows"]], "loss", float(loss))


def seqcls(seed):
    target = os.path.join(OUT, "seqcls")
    shutil.rmtree(target, ignore_errors=True)
    tok = tokenizer_files(target)
    config = Qwen3Config(**sizes(len(tok), tok.pad_token_id), num_labels=3, head_dim=8)
    config.architectures = ["Qwen3ForSequenceClassification"]
    torch.manual_seed(seed)
    model = Qwen3ForSequenceClassification(config).eval()
    randomise(model, seed)
    model.save_pretrained(target)
    # the converted form is scored on the template's text, right-padded, as transformers' tokenizer pads by default
    texts = [tok.apply_chat_template([{"role": "query", "content": q}, {"role": "document", "content": d}],
                                     tokenize=False) for q, d in PAIRS]
    enc = tok(texts, padding=True, return_tensors="pt")
    with torch.no_grad():
        logits = model(**enc).logits
    ids = enc["input_ids"].tolist()
    mask = enc["attention_mask"].tolist()
    expected = {"pairs": PAIRS, "rows": [{"input_ids": [t for t, m in zip(ids[i], mask[i]) if m == 1],
                                          "logits": logits[i].tolist()} for i in range(len(PAIRS))]}
    with open(os.path.join(target, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    print("seqcls", logits.tolist())


if __name__ == "__main__":
    torch.set_num_threads(2)
    causal("causal", Qwen3Config, Qwen3ForCausalLM, 11, {"head_dim": 16})
    causal("qwen2", Qwen2Config, Qwen2ForCausalLM, 13, {})
    seqcls(17)
