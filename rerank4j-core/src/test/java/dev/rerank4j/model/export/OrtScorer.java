package dev.rerank4j.model.export;

import ai.onnxruntime.OrtException;
import dev.rerank4j.PairScorer;
import dev.rerank4j.TextPair;
import dev.rerank4j.tokenize.PairEncoder;
import java.io.UncheckedIOException;
import java.util.List;

/** Raw logits of an exported graph in ONNX Runtime, tokenized by the model's own tokenizer, 32 pairs a batch. */
final class OrtScorer implements PairScorer {
    private final OrtRunner runner;
    private final PairEncoder tokenizer;
    private final boolean typed;

    OrtScorer(OrtRunner runner, PairEncoder tokenizer, boolean typed) {
        this.runner = runner;
        this.tokenizer = tokenizer;
        this.typed = typed;
    }

    @Override
    public float[][] score(List<TextPair> pairs) {
        float[][] out = new float[pairs.size()][];
        for (int from = 0; from < pairs.size(); from += 32) {
            int to = Math.min(pairs.size(), from + 32);
            try {
                float[][] logits = runner.logits(tokenizer.pad(tokenizer.encode(pairs.subList(from, to)), typed));
                System.arraycopy(logits, 0, out, from, to - from);
            } catch (OrtException e) {
                throw new UncheckedIOException(new java.io.IOException("ONNX Runtime failed: " + e.getMessage(), e));
            }
        }
        return out;
    }
}
