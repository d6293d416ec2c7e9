"""Generates the DeBERTa-v2/v3 reference fixtures under src/test/resources/fixtures/deberta-v2/.

Run with a Python that has torch, transformers and tokenizers (the team's venv: /work/pyenv):

    /work/pyenv/bin/python rerank4j-core/src/test/python/make_deberta_fixtures.py

For each variant it builds a tiny, seeded, random DebertaV2ForSequenceClassification with transformers, a DeBERTa-v3
style SentencePiece Unigram tokenizer.json (Strip + collapsed spaces, Metaspace, "[CLS] a [SEP] b [SEP]" with token
types 0/1), saves both (safetensors), and records in expected.json the token ids of a few pairs, transformers' fp32
logits, the gradient of sum(logits) for a few weights (eval mode, so no dropout), and make_log_bucket_position over a
range of relative positions. The Java test DebertaV2FixtureTest compares rerank4j against them; the suite itself never
needs Python.
"""

import json
import os
import sys

import torch
from tokenizers import Regex, Tokenizer, models, normalizers, pre_tokenizers, processors
from transformers import DebertaV2Config, DebertaV2ForSequenceClassification
from transformers.models.deberta_v2.modeling_deberta_v2 import make_log_bucket_position

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures", "deberta-v2")

WORDS = ["the", "a", "cat", "dog", "sat", "on", "mat", "is", "what", "where", "who", "how", "many", "people", "live",
         "in", "berlin", "paris", "city", "capital", "of", "france", "germany", "search", "query", "document",
         "answer", "question", "good", "bad", "and", "to"]

PAIRS = [
    ["how many people live in berlin?", "berlin is the capital of germany."],
    ["who", "a"],
    ["the cat", "the dog sat on the mat and the cat sat on the dog, who is a good dog."],
    ["  what is   the capital of france? ", "paris is the capital of france."],
    ["where is the mat?", "the mat is in paris, where the cat and the dog sat. " * 6],
]

GRADIENT_WEIGHTS = {
    "v3": ["deberta.encoder.layer.0.attention.self.query_proj.weight",
           "deberta.encoder.layer.0.attention.self.key_proj.bias",
           "deberta.encoder.rel_embeddings.weight",
           "deberta.encoder.LayerNorm.weight"],
    "v2-variant": ["deberta.encoder.layer.0.attention.self.pos_key_proj.weight",
                   "deberta.encoder.layer.0.attention.self.pos_query_proj.bias",
                   "deberta.embeddings.embed_proj.weight",
                   "deberta.embeddings.token_type_embeddings.weight"],
}

BASE = dict(vocab_size=0, hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=64,
            hidden_act="gelu", hidden_dropout_prob=0.1, attention_probs_dropout_prob=0.1,
            max_position_embeddings=64, layer_norm_eps=1e-7, pad_token_id=0, num_labels=1)

VARIANTS = {
    # DeBERTa-v3: log buckets, both terms, shared keys, normalised relative embeddings, no absolute positions.
    "v3": dict(type_vocab_size=0, position_biased_input=False, relative_attention=True, max_relative_positions=-1,
               position_buckets=8, pos_att_type="p2c|c2p", share_att_key=True, norm_rel_ebd="layer_norm",
               pooler_hidden_act="gelu"),
    # DeBERTa-v2 style options: own position projections, c2p and p2c as a list, no buckets and a short span (so the
    # indices clamp), absolute positions, token types, embeddings narrower than the hidden size, tanh pooler; one layer.
    "v2-variant": dict(type_vocab_size=2, position_biased_input=True, relative_attention=True,
                       max_relative_positions=6, position_buckets=-1, pos_att_type=["c2p", "p2c"],
                       share_att_key=False, norm_rel_ebd="none", embedding_size=16, pooler_hidden_act="tanh",
                       num_hidden_layers=1),
}


def tokenizer():
    pieces = ["[PAD]", "[CLS]", "[SEP]", "[UNK]"] + ["\u2581" + w for w in WORDS]
    for c in "abcdefghijklmnopqrstuvwxyz":
        pieces += [c, "\u2581" + c]
    pieces += ["\u2581", ".", "?", ",", "[MASK]"]
    vocab = []
    for i, p in enumerate(pieces):
        score = 0.0 if p.startswith("[") else (-3.0 if p.startswith("\u2581") and len(p) > 2 else -8.0 - i * 0.01)
        vocab.append((p, score))
    tok = Tokenizer(models.Unigram(vocab, unk_id=3, byte_fallback=False))
    tok.normalizer = normalizers.Sequence([normalizers.Strip(), normalizers.Replace(Regex(" {2,}"), " ")])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS]:0 $A:0 [SEP]:0", pair="[CLS]:0 $A:0 [SEP]:0 $B:1 [SEP]:1",
        special_tokens=[("[CLS]", 1), ("[SEP]", 2)])
    tok.add_special_tokens(["[PAD]", "[CLS]", "[SEP]", "[UNK]", "[MASK]"])
    return tok


def randomise(model, seed):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("LayerNorm.weight"):
                p.copy_(1 + 0.1 * torch.randn(p.shape, generator=g))
            elif name.endswith(".bias"):
                p.copy_(0.05 * torch.randn(p.shape, generator=g))
            else:
                p.copy_(0.2 * torch.randn(p.shape, generator=g))


def make(name, options, seed):
    out = os.path.join(OUT, name)
    os.makedirs(out, exist_ok=True)
    tok = tokenizer()
    tok.save(os.path.join(out, "tokenizer.json"))
    with open(os.path.join(out, "tokenizer_config.json"), "w") as f:
        json.dump({"model_max_length": 64, "pad_token": "[PAD]", "cls_token": "[CLS]", "sep_token": "[SEP]",
                   "unk_token": "[UNK]", "mask_token": "[MASK]"}, f, indent=2)
    config = DebertaV2Config(**{**BASE, "vocab_size": tok.get_vocab_size(), **options})
    config.architectures = ["DebertaV2ForSequenceClassification"]
    torch.manual_seed(seed)
    model = DebertaV2ForSequenceClassification(config)
    randomise(model, seed)
    model.eval()
    model.save_pretrained(out, safe_serialization=True)

    tok.enable_truncation(64)
    encodings = [tok.encode(q, d) for q, d in PAIRS]
    length = max(len(e.ids) for e in encodings)
    ids = torch.tensor([e.ids + [0] * (length - len(e.ids)) for e in encodings])
    types = torch.tensor([e.type_ids + [0] * (length - len(e.ids)) for e in encodings])
    mask = torch.tensor([[1] * len(e.ids) + [0] * (length - len(e.ids)) for e in encodings])
    logits = model(input_ids=ids, token_type_ids=types, attention_mask=mask).logits
    model.zero_grad()
    logits.sum().backward()
    params = dict(model.named_parameters())
    gradients = {w: [float("%.7g" % g) for g in params[w].grad.flatten().tolist()] for w in GRADIENT_WEIGHTS[name]}
    alone = [model(input_ids=ids[i:i + 1, :len(e.ids)], token_type_ids=types[i:i + 1, :len(e.ids)],
                   attention_mask=mask[i:i + 1, :len(e.ids)]).logits[0, 0].item() for i, e in enumerate(encodings)]
    expected = {
        "transformers": __import__("transformers").__version__,
        "torch": torch.__version__,
        "pairs": PAIRS,
        "input_ids": [e.ids for e in encodings],
        "token_type_ids": [e.type_ids for e in encodings],
        "logits": [row[0] for row in logits.tolist()],  # fp32, printed exactly
        "logits_alone": alone,
        "gradients_of_sum_of_logits": gradients,
    }
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f)
    print(name, "logits", expected["logits"], file=sys.stderr)


def buckets():
    table = {}
    for size, max_position, reach in [(256, 512, 1100), (8, 64, 100), (64, 512, 600)]:
        rel = torch.arange(-reach, reach + 1)
        table[f"{size}/{max_position}"] = {
            "from": -reach,
            "buckets": make_log_bucket_position(rel, size, max_position).to(torch.long).tolist(),
        }
    with open(os.path.join(OUT, "log-buckets.json"), "w") as f:
        json.dump(table, f)


if __name__ == "__main__":
    torch.set_num_threads(1)
    make("v3", VARIANTS["v3"], 11)
    make("v2-variant", VARIANTS["v2-variant"], 13)
    buckets()
