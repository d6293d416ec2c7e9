"""Makes the ModernBERT parity fixture of rerank4j-core's tests (ModernBertFixtureTest).

A tiny random ModernBertForSequenceClassification (hidden 32, 3 layers: global, sliding, global; a window of 8
tokens; mean pooling; attention and classifier biases), saved by transformers with a tiny byte-level BPE
tokenizer.json, plus expected.json: for a few (query, document) pairs, the token ids, the logits of the padded
batch, and the gradients of a BCE-with-logits loss for a few weights. config-legacy.json is the same model in the
original config form (global_rope_theta / local_rope_theta, global_attn_every_n_layers, cls pooling), with its own
expected logits.

Run from the repository root with the reference venv (transformers 5.x, torch, tokenizers):
    /work/pyenv/bin/python rerank4j-core/src/test/python/make_modernbert_fixtures.py
It overwrites rerank4j-core/src/test/resources/fixtures/modernbert/.
"""

import json
import pathlib
import shutil
import tempfile

import torch
import transformers
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
from transformers import ModernBertConfig, ModernBertForSequenceClassification, PreTrainedTokenizerFast

OUT = pathlib.Path(__file__).resolve().parents[1] / "resources" / "fixtures" / "modernbert"
CORPUS = [
    "how many people live in berlin? berlin is the capital of germany.",
    "what is the capital of france? paris is the capital of france.",
    "the cat sat on the mat and the dog sat on the cat.",
    "where is the mat? the mat is in paris, where the cat and the dog sat.",
    "who is a good dog? a search query, a document, an answer and a question.",
]
PAIRS = [
    ["how many people live in berlin?", "berlin is the capital of germany."],
    ["who", "a"],
    ["the cat", "the dog sat on the mat and the cat sat on the dog, who is a good dog."],
    ["what is the capital of france?", "paris is the capital of france. " * 4],
    ["where is the mat?", "the mat is in paris, where the cat and the dog sat."],
    ["dog", "cat"],
]
LABELS = [1.0, 0.0, 1.0, 0.0, 1.0, 0.0]
GRADIENT_WEIGHTS = [
    "model.embeddings.tok_embeddings.weight",
    "model.layers.0.attn.Wqkv.weight",
    "model.layers.1.attn.Wqkv.bias",
    "model.layers.1.mlp.Wi.weight",
    "model.layers.2.attn_norm.weight",
    "head.dense.weight",
    "classifier.weight",
]


def tokenizer():
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    specials = ["[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]"]
    trainer = trainers.BpeTrainer(
        vocab_size=340, special_tokens=specials, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    tok.train_from_iterator(CORPUS, trainer)
    cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS]:0 $A:0 [SEP]:0",
        pair="[CLS]:0 $A:0 [SEP]:0 $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls), ("[SEP]", sep)],
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        unk_token="[UNK]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        pad_token="[PAD]",
        mask_token="[MASK]",
        model_max_length=64,
        model_input_names=["input_ids", "attention_mask"],
    )


def model(tok):
    config = ModernBertConfig(
        vocab_size=len(tok),
        hidden_size=32,
        intermediate_size=48,
        num_hidden_layers=3,
        num_attention_heads=4,
        max_position_embeddings=64,
        global_attn_every_n_layers=2,
        local_attention=8,
        rope_parameters={
            "full_attention": {"rope_type": "default", "rope_theta": 160000.0},
            "sliding_attention": {"rope_type": "default", "rope_theta": 10000.0},
        },
        attention_bias=True,
        classifier_bias=True,
        classifier_pooling="mean",
        pad_token_id=tok.pad_token_id,
        cls_token_id=tok.cls_token_id,
        sep_token_id=tok.sep_token_id,
        bos_token_id=tok.cls_token_id,
        eos_token_id=tok.sep_token_id,
        num_labels=1,
        attn_implementation="eager",
    )
    torch.manual_seed(12)
    m = ModernBertForSequenceClassification(config)
    with torch.no_grad():
        for name, p in m.named_parameters():
            if name.endswith(".bias") or "norm" in name:
                p.add_(0.1 * torch.randn_like(p))  # not the trivial ones / zeros of a fresh init
            else:
                p.mul_(5.0)  # larger weights: logits far from 0, rotations and windows matter
    return m.eval()


def run(m, tok):
    batch = tok([p[0] for p in PAIRS], [p[1] for p in PAIRS], padding=True, truncation=True, max_length=64,
                return_tensors="pt")
    m.zero_grad()
    logits = m(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
    loss = torch.nn.functional.binary_cross_entropy_with_logits(logits.view(-1), torch.tensor(LABELS))
    loss.backward()
    params = dict(m.named_parameters())
    ids = [row[mask.bool()].tolist() for row, mask in zip(batch["input_ids"], batch["attention_mask"])]
    return {
        "input_ids": ids,
        "logits": logits.detach().tolist(),
        "loss": loss.item(),
        "gradients": {n: params[n].grad.reshape(-1)[:64].tolist() for n in GRADIENT_WEIGHTS},
    }


def main():
    tok = tokenizer()
    m = model(tok)
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    m.save_pretrained(OUT)
    tok.save_pretrained(OUT)
    expected = run(m, tok)
    expected.update({"pairs": PAIRS, "labels": LABELS, "transformers": transformers.__version__,
                     "torch": torch.__version__})
    # The same weights in the original config form, with cls pooling.
    config = json.loads((OUT / "config.json").read_text())
    legacy = {k: v for k, v in config.items() if k not in ("rope_parameters", "layer_types")}
    legacy.update({"global_rope_theta": 160000.0, "local_rope_theta": 10000.0, "global_attn_every_n_layers": 2,
                   "classifier_pooling": "cls"})
    (OUT / "config-legacy.json").write_text(json.dumps(legacy, indent=2, sort_keys=True) + "\n")
    with tempfile.TemporaryDirectory() as tmp:
        for f in OUT.iterdir():
            shutil.copy(f, tmp)
        shutil.copy(OUT / "config-legacy.json", pathlib.Path(tmp) / "config.json")
        m2 = ModernBertForSequenceClassification.from_pretrained(tmp, attn_implementation="eager").eval()
        assert m2.config.rope_parameters["full_attention"]["rope_theta"] == 160000.0
        assert m2.config.rope_parameters["sliding_attention"]["rope_theta"] == 10000.0
        expected["legacy_logits"] = run(m2, tok)["logits"]
    (OUT / "expected.json").write_text(json.dumps(expected, indent=1) + "\n")
    print("wrote", OUT, sorted(p.name for p in OUT.iterdir()))


if __name__ == "__main__":
    main()
