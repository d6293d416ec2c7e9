package dev.rerank4j.model.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.rerank4j.tokenize.PaddedBatch;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** One ONNX Runtime session over an exported file, fed padded batches as sentence-transformers feeds them. */
public final class OrtRunner implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    public OrtRunner(Path onnxFile) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(2);
        this.session = env.createSession(onnxFile.toString(), options);
    }

    /** The graph's input names. */
    public Set<String> inputNames() throws OrtException {
        return session.getInputNames();
    }

    /** The logits [batch][labels] of one batch; token type ids only where the graph declares them. */
    public float[][] logits(PaddedBatch batch) throws OrtException {
        long[] shape = {batch.batch(), batch.seqLen()};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(batch.ids()), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(batch.attentionMask()), shape));
            if (session.getInputNames().contains("token_type_ids")) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(batch.typeIds()), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                return (float[][]) result.get("logits").orElseThrow().getValue();
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
