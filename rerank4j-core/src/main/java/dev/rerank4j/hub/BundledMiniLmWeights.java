package dev.rerank4j.hub;

import dev.rerank4j.io.OnnxGraph;
import dev.rerank4j.io.OnnxNode;
import dev.rerank4j.io.Tensor;
import dev.rerank4j.io.WeightsFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lifts the HF {@code BertModel} weights of all-MiniLM-L6-v2 out of its ONNX export.
 *
 * <p>The export keeps the named parameters (embeddings, biases, LayerNorms) under their HF names, but stores the 36
 * Linear weights anonymously ({@code onnx::MatMul_787} ...) and transposed, {@code [in, out]}. Each is identified by
 * the MatMul node consuming it ({@code /encoder/layer.N/attention/self/query/MatMul} is
 * {@code encoder.layer.N.attention.self.query.weight}) and transposed back to torch's {@code [out, in]}.
 * {@code embeddings.position_ids} (a buffer, not a weight) is dropped.
 */
final class BundledMiniLmWeights {
    static final int HIDDEN = 384;
    static final int LAYERS = 6;
    static final int HEADS = 12;
    static final int INTERMEDIATE = 1536;
    static final int VOCAB = 30522;
    static final int MAX_POSITIONS = 512;
    static final int TYPE_VOCAB = 2;
    static final int TENSOR_COUNT = 101;
    static final long PARAMETER_COUNT = 22_565_376L;

    private static final String ANONYMOUS_PREFIX = "onnx::MatMul_";
    private static final Pattern MATMUL_NODE = Pattern.compile(
            "/encoder/layer\\.(\\d+)/(attention/self/query"
                    + "|attention/self/key|attention/self/value|attention/output/dense|intermediate/dense|output/dense)/MatMul");

    private BundledMiniLmWeights() {}

    /** The 101 HF tensor names of the model and their shapes, in module order. */
    static Map<String, long[]> expectedShapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("embeddings.word_embeddings.weight", new long[] {VOCAB, HIDDEN});
        shapes.put("embeddings.position_embeddings.weight", new long[] {MAX_POSITIONS, HIDDEN});
        shapes.put("embeddings.token_type_embeddings.weight", new long[] {TYPE_VOCAB, HIDDEN});
        shapes.put("embeddings.LayerNorm.weight", new long[] {HIDDEN});
        shapes.put("embeddings.LayerNorm.bias", new long[] {HIDDEN});
        for (int layer = 0; layer < LAYERS; layer++) {
            String p = "encoder.layer." + layer + ".";
            for (String linear : List.of("attention.self.query", "attention.self.key", "attention.self.value")) {
                linear(shapes, p + linear, HIDDEN, HIDDEN);
            }
            linear(shapes, p + "attention.output.dense", HIDDEN, HIDDEN);
            layerNorm(shapes, p + "attention.output.LayerNorm");
            linear(shapes, p + "intermediate.dense", INTERMEDIATE, HIDDEN);
            linear(shapes, p + "output.dense", HIDDEN, INTERMEDIATE);
            layerNorm(shapes, p + "output.LayerNorm");
        }
        return shapes;
    }

    /**
     * The HF-named tensors, in {@link #expectedShapes()} order.
     *
     * @throws WeightsFormatException if a weight is missing, unexpected, or shaped differently from all-MiniLM-L6-v2
     */
    static List<Tensor> convert(OnnxGraph graph, String source) throws WeightsFormatException {
        Map<String, long[]> expected = expectedShapes();
        Map<String, Tensor> found = new LinkedHashMap<>();
        for (Tensor t : graph.initializers()) {
            if (t.name().equals("embeddings.position_ids")) {
                continue;
            }
            Tensor hf = t.name().startsWith(ANONYMOUS_PREFIX) ? transposed(t, hfName(graph, t, source)) : t;
            if (!expected.containsKey(hf.name())) {
                throw new WeightsFormatException(source + ": unexpected initializer '" + t.name()
                        + "' (not a weight of all-MiniLM-L6-v2's BertModel)");
            }
            if (found.put(hf.name(), hf) != null) {
                throw new WeightsFormatException(source + ": two initializers give weight '" + hf.name() + "'");
            }
        }
        List<String> missing = new ArrayList<>(expected.keySet());
        missing.removeAll(found.keySet());
        if (!missing.isEmpty()) {
            throw new WeightsFormatException(source + ": weights missing from the ONNX graph: " + missing);
        }
        List<Tensor> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            Tensor t = found.get(e.getKey());
            if (!Arrays.equals(t.shape(), e.getValue())) {
                throw new WeightsFormatException(source + ": weight '" + e.getKey() + "' has shape "
                        + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(e.getValue()));
            }
            out.add(t);
        }
        return out;
    }

    /** Names an anonymous MatMul weight after the node that consumes it. */
    private static String hfName(OnnxGraph graph, Tensor weight, String source) throws WeightsFormatException {
        List<OnnxNode> consumers = graph.consumersOf(weight.name());
        if (consumers.size() == 1 && consumers.get(0).opType().equals("MatMul")) {
            Matcher m = MATMUL_NODE.matcher(consumers.get(0).name());
            if (m.matches()) {
                return "encoder.layer." + m.group(1) + "." + m.group(2).replace('/', '.') + ".weight";
            }
        }
        throw new WeightsFormatException(source + ": cannot name initializer '" + weight.name()
                + "': expected one consumer /encoder/layer.N/<linear>/MatMul, found "
                + consumers.stream().map(n -> n.opType() + " " + n.name()).toList());
    }

    /** [in, out] (ONNX MatMul) to [out, in] (torch nn.Linear). */
    private static Tensor transposed(Tensor t, String name) throws WeightsFormatException {
        if (t.rank() != 2) {
            throw new WeightsFormatException("MatMul weight '" + t.name() + "' (" + name + ") has shape "
                    + Arrays.toString(t.shape()) + ", expected [in, out]");
        }
        int in = (int) t.dim(0);
        int out = (int) t.dim(1);
        float[] src = t.values();
        float[] dst = new float[src.length];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                dst[o * in + i] = src[i * out + o];
            }
        }
        return new Tensor(name, t.storedAs(), new long[] {out, in}, dst);
    }

    private static void linear(Map<String, long[]> shapes, String prefix, int out, int in) {
        shapes.put(prefix + ".weight", new long[] {out, in});
        shapes.put(prefix + ".bias", new long[] {out});
    }

    private static void layerNorm(Map<String, long[]> shapes, String prefix) {
        shapes.put(prefix + ".weight", new long[] {HIDDEN});
        shapes.put(prefix + ".bias", new long[] {HIDDEN});
    }
}
