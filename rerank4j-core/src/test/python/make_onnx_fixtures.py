"""Makes the ONNX Runtime backend fixtures of rerank4j-core's tests (OnnxBackendTest, OnnxCrossEncoderTest).

Two tiny random cross-encoders, saved by sentence-transformers (CrossEncoder.save: config.json,
model.safetensors, tokenizer files, the sentence-transformers v6 files) with a tiny WordPiece tokenizer.json, and
each exported with torch.onnx.export to onnx/model.onnx the way sentence-transformers lays ONNX out: inputs
input_ids, attention_mask (and token_type_ids where the architecture reads them), output logits, dynamic
{0: batch_size, 1: sequence_length} axes. Both files hold the same weights, so libtorch (safetensors) and ONNX
Runtime (onnx/model.onnx) must give the same logits.

- bert/: BertForSequenceClassification, 1 label (token_type_ids input).
- distilbert/: DistilBertForSequenceClassification, 3 labels (no token_type_ids).

bad/extra-input.onnx is a graph that reads an input rerank4j does not feed (position_ids), for the error test.

expected.json in each holds, for PAIRS, the logits transformers computes in fp32 on the padded batch: an
independent reference for both engines.

Run from the repository root with the reference venv (transformers 5.x, torch, onnx, sentence-transformers 6):
    /work/pyenv/bin/python rerank4j-core/src/test/python/make_onnx_fixtures.py
It overwrites rerank4j-core/src/test/resources/fixtures/onnx/.
"""

import json
import pathlib
import shutil
import tempfile

import onnx
import torch
from onnx import TensorProto, helper
from sentence_transformers import CrossEncoder
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, trainers
from transformers import (
    BertConfig,
    BertForSequenceClassification,
    DistilBertConfig,
    DistilBertForSequenceClassification,
    PreTrainedTokenizerFast,
)

OUT = pathlib.Path(__file__).resolve().parents[1] / "resources" / "fixtures" / "onnx"
CORPUS = [
    "how many people live in berlin? berlin is the capital of germany.",
    "what is the capital of france? paris is the capital of france.",
    "the cat sat on the mat and the dog sat on the cat.",
    "where is the mat? the mat is in paris, where the cat and the dog sat.",
    "who is a good dog? a search query, a document, an answer and a question.",
    "mars has two small moons, phobos and deimos, discovered in 1877.",
]
PAIRS = [
    ["how many people live in berlin?", "berlin is the capital of germany."],
    ["who", "a"],
    ["the cat", "the dog sat on the mat and the cat sat on the dog, who is a good dog."],
    ["what is the capital of france?", "paris is the capital of france. " * 4],
    ["where is the mat?", "the mat is in paris, where the cat and the dog sat."],
    ["how many moons does mars have", "mars has two small moons, phobos and deimos."],
]


def tokenizer():
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tok.train_from_iterator(CORPUS, trainers.WordPieceTrainer(vocab_size=200, special_tokens=specials))
    cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls), ("[SEP]", sep)],
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
        model_max_length=64,
        model_input_names=["input_ids", "token_type_ids", "attention_mask"],
    )


def make(name, model, tok, token_types):
    torch.manual_seed(7)
    model.eval()
    with tempfile.TemporaryDirectory() as tmp:
        model.save_pretrained(tmp, safe_serialization=True)
        tok.save_pretrained(tmp)
        ce = CrossEncoder(tmp, device="cpu")
        out = OUT / name
        shutil.rmtree(out, ignore_errors=True)
        ce.save(str(out))
    for junk in ["README.md", "vocab.txt", "special_tokens_map.json"]:
        (out / junk).unlink(missing_ok=True)
    enc = tok([p[0] for p in PAIRS], [p[1] for p in PAIRS], padding=True, return_token_type_ids=True, return_tensors="pt")
    names = ["input_ids", "attention_mask"] + (["token_type_ids"] if token_types else [])
    inputs = tuple(enc[n] for n in names)
    (out / "onnx").mkdir()
    axes = {n: {0: "batch_size", 1: "sequence_length"} for n in names}
    axes["logits"] = {0: "batch_size"}
    torch.onnx.export(
        model,
        inputs,
        str(out / "onnx" / "model.onnx"),
        input_names=names,
        output_names=["logits"],
        dynamic_axes=axes,
        opset_version=17,
        dynamo=False,
    )
    with torch.no_grad():
        logits = model(**{n: enc[n] for n in names}).logits
    expected = {
        "pairs": PAIRS,
        "input_ids": enc["input_ids"].tolist(),
        "logits": logits.tolist(),
    }
    (out / "expected.json").write_text(json.dumps(expected, indent=1) + "\n")
    print(name, "logits", logits.tolist())


def bad_graphs():
    dims = ["batch_size", "sequence_length"]
    inputs = [helper.make_tensor_value_info(n, TensorProto.INT64, dims) for n in ["input_ids", "attention_mask", "position_ids"]]
    nodes = [
        helper.make_node("Add", ["input_ids", "position_ids"], ["sum"]),
        helper.make_node("Cast", ["sum"], ["logits"], to=TensorProto.FLOAT),
    ]
    output = helper.make_tensor_value_info("logits", TensorProto.FLOAT, dims)
    graph = helper.make_graph(nodes, "extra_input", inputs, [output])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)
    onnx.checker.check_model(model)
    (OUT / "bad").mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(OUT / "bad" / "extra-input.onnx"))


def main():
    tok = tokenizer()
    vocab = len(tok)
    torch.manual_seed(42)
    bert = BertForSequenceClassification(
        BertConfig(
            vocab_size=vocab,
            hidden_size=32,
            num_hidden_layers=2,
            num_attention_heads=4,
            intermediate_size=64,
            max_position_embeddings=64,
            type_vocab_size=2,
            num_labels=1,
            initializer_range=0.4,
        )
    )
    make("bert", bert, tok, True)
    torch.manual_seed(43)
    distil = DistilBertForSequenceClassification(
        DistilBertConfig(
            vocab_size=vocab,
            dim=32,
            n_layers=2,
            n_heads=4,
            hidden_dim=64,
            max_position_embeddings=64,
            num_labels=3,
            initializer_range=0.4,
            pad_token_id=0,
        )
    )
    make("distilbert", distil, tok, False)
    bad_graphs()


if __name__ == "__main__":
    main()
