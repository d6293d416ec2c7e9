"""The stand-in export of the `Bench onnx` table in the README, until `rerank4j export` exists: all-MiniLM-L6-v2 as
BertForSequenceClassification with a fresh one-label head (seed 0), saved with its tokenizer, exported by
torch.onnx.export to onnx/model.onnx (sentence-transformers' names and dynamic axes, opset 17) and quantized by ONNX
Runtime's quantize_dynamic (int8 weights per channel) to onnx/model_qint8_avx2.onnx.

Usage: python make_standin_export.py MINILM_DIR OUT_DIR
       then: Bench onnx --export OUT_DIR   (or --onnx "fp32=OUT_DIR/onnx/model.onnx,int8=OUT_DIR/onnx/model_qint8_avx2.onnx")
"""
import os
import shutil
import sys

import torch
from transformers import AutoTokenizer, BertForSequenceClassification
src, out = sys.argv[1], sys.argv[2]
torch.manual_seed(0)
m = BertForSequenceClassification.from_pretrained(src, num_labels=1).eval()
tok = AutoTokenizer.from_pretrained(src)
shutil.rmtree(out, ignore_errors=True)
m.save_pretrained(out, safe_serialization=True); tok.save_pretrained(out)
os.makedirs(out + "/onnx")
enc = tok(["a question"], ["an answer"], return_tensors="pt")
names = ["input_ids", "attention_mask", "token_type_ids"]
axes = {n: {0: "batch_size", 1: "sequence_length"} for n in names}; axes["logits"] = {0: "batch_size"}
torch.onnx.export(m, tuple(enc[n] for n in names), out + "/onnx/model.onnx", input_names=names,
                  output_names=["logits"], dynamic_axes=axes, opset_version=17, dynamo=False)
from onnxruntime.quantization import quantize_dynamic, QuantType
quantize_dynamic(out + "/onnx/model.onnx", out + "/onnx/model_qint8_avx2.onnx", weight_type=QuantType.QInt8, per_channel=True)
print("ok")
