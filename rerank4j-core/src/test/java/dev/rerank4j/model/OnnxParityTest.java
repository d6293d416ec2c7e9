package dev.rerank4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.rerank4j.TextPair;
import dev.rerank4j.data.PairFile;
import dev.rerank4j.hub.BundledMiniLm;
import dev.rerank4j.testing.SharedData;
import dev.rerank4j.tokenize.PaddedBatch;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our DJL BERT encoder, loaded from the directory converted from all-MiniLM-L6-v2's ONNX file, against ONNX Runtime
 * running that same ONNX file: the last hidden states of real WikiQA pairs must agree on every real token.
 */
class OnnxParityTest {
    static final double TOLERANCE = 1e-4;

    @Test
    void hiddenStatesMatchOnnxRuntime(@TempDir Path cache) throws Exception {
        List<TextPair> pairs = PairFile.read(SharedData.path("datasets/wikiqa/WikiQA-dev.tsv"), "Question", "Sentence")
                .subList(0, 16);
        Path dir = BundledMiniLm.materialize(cache);
        try (CrossEncoder model = CrossEncoder.load(dir);
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                InputStream onnx = OnnxParityTest.class.getResourceAsStream("/all-minilm-l6-v2.onnx");
                OrtSession session = env.createSession(onnx.readAllBytes(), new OrtSession.SessionOptions())) {
            PaddedBatch batch = model.tokenizer().pad(model.tokenizer().encode(pairs), true);
            float[] ours = model.scorer().hiddenStates(batch);
            long[] shape = {batch.batch(), batch.seqLen()};
            Map<String, OnnxTensor> inputs = Map.of(
                    "input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(batch.ids()), shape),
                    "attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(batch.attentionMask()), shape),
                    "token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(batch.typeIds()), shape));
            float[][][] reference;
            try (OrtSession.Result result = session.run(inputs)) {
                reference = (float[][][])
                        result.get("last_hidden_state").orElseThrow().getValue();
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
            int hidden = reference[0][0].length;
            assertThat(hidden).isEqualTo(384);
            assertThat(batch.seqLen()).isGreaterThan(20);
            double maxDiff = 0;
            int compared = 0;
            for (int b = 0; b < batch.batch(); b++) {
                for (int s = 0; s < batch.seqLen(); s++) {
                    if (batch.attentionMask()[b * batch.seqLen() + s] == 0) {
                        continue;
                    }
                    for (int h = 0; h < hidden; h++) {
                        double d = Math.abs(ours[(b * batch.seqLen() + s) * hidden + h] - reference[b][s][h]);
                        maxDiff = Math.max(maxDiff, d);
                        compared++;
                    }
                }
            }
            System.out.printf(
                    "ONNX parity: %d values over %d pairs, max |diff| = %.3g%n", compared, pairs.size(), maxDiff);
            assertThat(compared).isGreaterThan(16 * 20 * 384);
            assertThat(maxDiff).isLessThanOrEqualTo(TOLERANCE);
        }
    }
}
