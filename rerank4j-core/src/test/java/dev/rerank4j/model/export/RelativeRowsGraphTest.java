package dev.rerank4j.model.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.rerank4j.model.Parameters;
import dev.rerank4j.model.deberta.RelativeAttention;
import dev.rerank4j.model.nn.Embedding;
import dev.rerank4j.model.nn.RelativeBuckets;
import dev.rerank4j.model.nn.RelativeRows;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DeBERTa's relative-position indices as the exported graph computes them from the run-time length (ONNX Runtime)
 * are the eager ones ({@code RelativePositions}, checked against transformers' {@code make_log_bucket_position}),
 * shifted back by the eager window's first row: every entry, over lengths past the largest bucket, for one session.
 */
class RelativeRowsGraphTest {
    @Test
    void logBucketedIndicesOfTheGraphAreTheEagerOnes(@TempDir Path dir) throws Exception {
        // DeBERTa-v3's settings: 256 buckets over 512 positions; 700 tokens reach past the last bucket.
        RelativeAttention v3 = new RelativeAttention(
                true, Set.of(RelativeAttention.Term.C2P, RelativeAttention.Term.P2C), 512, 256, true, true);
        checkGraphIndices(dir.resolve("v3.onnx"), v3, 700, 300, 129, 1);
    }

    @Test
    void clampedIndicesWithoutBucketsAreTheEagerOnes(@TempDir Path dir) throws Exception {
        RelativeAttention span6 = new RelativeAttention(true, Set.of(RelativeAttention.Term.C2P), 6, -1, false, false);
        checkGraphIndices(dir.resolve("span6.onnx"), span6, 20, 7, 1);
    }

    private static void checkGraphIndices(Path file, RelativeBuckets buckets, int... lengths)
            throws IOException, OrtException {
        int rows = 2 * buckets.attentionSpan();
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameters p = new Parameters(manager);
            p.put("rel", new long[] {rows, 1}, new float[rows]);
            GraphBuilder g = new GraphBuilder();
            GraphOps ops = new GraphOps(g, p);
            OnnxValue hidden = g.input("hidden", GraphBuilder.FLOAT, List.of("batch", "seq", 1L));
            RelativeRows<OnnxValue> r = ops.relativeRows(new Embedding("rel", rows, 1), hidden, buckets);
            assertThat(r.table().shape()).containsExactly(rows, 1);
            g.output("table", r.table(), List.of((long) rows, 1L));
            g.output("c2p", r.c2p(), List.of("seq", "seq"));
            g.output("p2c", r.p2c(), List.of("seq", "seq"));
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                g.toModel("relative", "test", Map.of()).writeTo(out);
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions())) {
            for (int n : lengths) {
                RelativeBuckets.Window w = buckets.window(n);
                try (OnnxTensor in =
                                OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[2 * n]), new long[] {2, n, 1});
                        OrtSession.Result result = session.run(Map.of("hidden", in))) {
                    long[][] c2p = (long[][]) result.get("c2p").orElseThrow().getValue();
                    long[][] p2c = (long[][]) result.get("p2c").orElseThrow().getValue();
                    assertThat(c2p.length).isEqualTo(n);
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            assertThat(c2p[i][j])
                                    .as("c2p at %d, %d of %d", i, j, n)
                                    .isEqualTo(w.c2p()[i * n + j] + w.first());
                            assertThat(p2c[i][j])
                                    .as("p2c at %d, %d of %d", i, j, n)
                                    .isEqualTo(w.p2c()[i * n + j] + w.first());
                        }
                    }
                }
            }
        }
    }
}
