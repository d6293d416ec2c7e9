"""Cross-check an ONNX export of rerank4j in Python (a reference check; the project's tests never need Python).

Usage: python check_in_python.py MODEL_DIR [PAIRS_TSV]

MODEL_DIR holds the model as rerank4j saved it (config.json, model.safetensors, tokenizer files) and the export
(onnx/model.onnx, onnx/model_qint8_avx2.onnx). The script
  1. runs onnx.checker on both graphs;
  2. scores pairs with sentence-transformers' CrossEncoder on PyTorch (the safetensors weights, raw logits);
  3. runs both graphs in Python's onnxruntime as optimum's ORTModelForSequenceClassification feeds them (the
     tokenizer's input_ids / attention_mask / token_type_ids, each only if the graph declares it; output "logits");
  4. tries CrossEncoder(MODEL_DIR, backend="onnx", model_kwargs={"file_name": ...}) (needs optimum);
and prints the max |logit difference| of each against PyTorch and the Spearman correlation of int8 vs fp32.
"""

import sys

import numpy as np
import onnx
import onnxruntime as ort
from scipy.stats import spearmanr
from sentence_transformers import CrossEncoder

PAIRS = [
    ("how many moons does mars have", "Mars has two small moons, Phobos and Deimos."),
    ("what is the boiling point of water", "At sea level, pure water boils at 100 degrees Celsius."),
    ("who wrote don quixote", "Miguel de Cervantes published the first part in 1605."),
    ("when did the berlin wall fall", "The wall fell on the night of 9 November 1989."),
    ("what does a mitochondrion do", "Mitochondria make most of the cell's supply of energy."),
    ("capital of australia", "Canberra, a planned city, is the capital; Sydney is the most populous city."),
    ("where is zurich", "Zurich lies at the north-western tip of Lake Zurich in Switzerland."),
    ("how do vaccines work", "A vaccine trains the immune system to recognise a pathogen."),
    ("speed of light", "Light travels at 299,792,458 metres per second in vacuum."),
    ("who painted the mona lisa", "The Mona Lisa is a portrait by the Italian artist Leonardo da Vinci."),
    ("what language is spoken in brazil", "Portuguese is the official language of Brazil."),
    ("why is the sky blue", "Rayleigh scattering is stronger for short wavelengths."),
]


def read_pairs(path, limit=512):
    pairs = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            pairs.append((cols[1], cols[5]))
            if len(pairs) >= limit:
                break
    return pairs


def ort_logits(path, tokenizer, pairs, batch=32):
    session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    names = {i.name for i in session.get_inputs()}
    out = []
    for start in range(0, len(pairs), batch):
        chunk = pairs[start : start + batch]
        enc = tokenizer([q for q, _ in chunk], [d for _, d in chunk], padding=True, truncation=True,
                        max_length=512, return_tensors="np")
        feed = {k: v.astype(np.int64) for k, v in enc.items() if k in names}
        out.append(session.run(["logits"], feed)[0])
    return np.concatenate(out)[:, 0], sorted(names)


def main():
    model_dir = sys.argv[1]
    pairs = read_pairs(sys.argv[2]) if len(sys.argv) > 2 else PAIRS
    for name in ("onnx/model.onnx", "onnx/model_qint8_avx2.onnx"):
        onnx.checker.check_model(f"{model_dir}/{name}", full_check=True)
    print("onnx.checker: both graphs valid")
    torch_model = CrossEncoder(model_dir, activation_fn=None)
    import torch
    torch_model.model.eval()
    reference = torch_model.predict(pairs, activation_fn=torch.nn.Identity(), batch_size=32)
    fp32, names = ort_logits(f"{model_dir}/onnx/model.onnx", torch_model.tokenizer, pairs)
    int8, _ = ort_logits(f"{model_dir}/onnx/model_qint8_avx2.onnx", torch_model.tokenizer, pairs)
    print(f"{len(pairs)} pairs; graph inputs {names}; logit range {reference.min():.4f}..{reference.max():.4f}")
    print(f"onnxruntime {ort.__version__} fp32 vs sentence-transformers (PyTorch): max |diff| "
          f"{np.abs(fp32 - reference).max():.3g}")
    print(f"onnxruntime int8 vs fp32: max |diff| {np.abs(int8 - fp32).max():.3g}, "
          f"Spearman {spearmanr(fp32, int8).statistic:.4f}")
    for file_name in ("onnx/model.onnx", "onnx/model_qint8_avx2.onnx"):
        try:
            st = CrossEncoder(model_dir, backend="onnx", model_kwargs={"file_name": file_name})
            scores = st.predict(pairs, activation_fn=torch.nn.Identity())
            print(f"CrossEncoder(backend='onnx', file_name={file_name}): max |diff| vs PyTorch "
                  f"{np.abs(scores - reference).max():.3g}")
        except Exception as e:  # optimum missing: say so, do not hide it
            print(f"CrossEncoder(backend='onnx', file_name={file_name}) did not load: {str(e).splitlines()[0]}")


if __name__ == "__main__":
    main()
