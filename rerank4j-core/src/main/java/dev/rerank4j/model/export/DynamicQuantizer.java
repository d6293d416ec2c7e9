package dev.rerank4j.model.export;

import dev.rerank4j.model.export.GraphBuilder.Attribute;
import dev.rerank4j.model.export.GraphBuilder.Initializer;
import dev.rerank4j.model.export.GraphBuilder.Node;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dynamic int8 quantization of every {@code MatMul} with a constant weight, as ONNX Runtime's {@code quantize_dynamic}
 * writes it (and sentence-transformers' {@code export_dynamic_quantized_onnx_model} through it): the weight [in, out]
 * becomes int8 with one symmetric scale per output column ({@code scale = max|w| / 127}, zero point 0, round half to
 * even), the activation is quantized at run time to uint8 with its own scale and zero point
 * ({@code DynamicQuantizeLinear}), and the integer product is rescaled to float:
 *
 * <pre>
 * DynamicQuantizeLinear(x) -> xq, xs, xz
 * MatMulInteger(xq, Wq, xz, Wz) -> int32   Cast -> float   Mul(Mul(xs, Ws)) -> y
 * </pre>
 *
 * <p>ONNX Runtime fuses this pattern into its {@code DynamicQuantizeMatMul} kernel (u8 x s8 with AVX2). Embedding
 * tables ({@code Gather} of a constant table) are stored as int8 too, as {@code quantize_dynamic}'s {@code GatherQuant}
 * does, with one scale per column: the rows are gathered as int8 and dequantized ({@code DequantizeLinear} over the
 * last axis). LayerNorm and the attention products of activations stay float32.
 *
 * <p>The feed-forward down projections (a weight [in, out] with {@code in > out}, from the intermediate width back to
 * the hidden width) of the first {@code floatDownLayers} layers stay float32: their input, after GELU or SwiGLU, has
 * the widest outliers of the network in the first layers, and one uint8 scale per batch over it is what costs a
 * trained reranker its ranking (MiniLM-L6 fine-tuned on SQuAD, WikiQA test: Spearman 0.985 with every MatMul in int8,
 * 0.991 with layers 0 and 1 kept, for about 1/9 of the matrix-product work left in float32). The layer of a weight is
 * read from its Hugging Face name ({@code layer.N.} or {@code layers.N.}).
 */
final class DynamicQuantizer {
    /** The layer index in a Hugging Face weight name: {@code encoder.layer.3.output...}, {@code model.layers.3.mlp...}. */
    private static final Pattern LAYER = Pattern.compile("(?:^|\\.)layers?\\.(\\d+)\\.");

    private final int qmax;
    private final int floatDownLayers;

    /**
     * @param qmax the largest weight magnitude: 127 for the full int8 range, 63 for the reduced (7-bit) range
     * @param floatDownLayers how many leading layers keep their feed-forward down projection in float32 (0: none)
     */
    DynamicQuantizer(int qmax, int floatDownLayers) {
        if (qmax < 1 || qmax > 127) {
            throw new IllegalArgumentException("qmax must be in [1, 127], got " + qmax);
        }
        if (floatDownLayers < 0) {
            throw new IllegalArgumentException("floatDownLayers must be >= 0, got " + floatDownLayers);
        }
        this.qmax = qmax;
        this.floatDownLayers = floatDownLayers;
    }

    /** Whether a MatMul weight stays float32: a down projection of one of the first {@code floatDownLayers} layers. */
    boolean keepsFloat(Initializer w) {
        if (floatDownLayers == 0 || w.dims().length != 2 || w.dims()[0] <= w.dims()[1]) {
            return false;
        }
        Matcher m = LAYER.matcher(w.name());
        return m.find() && Long.parseLong(m.group(1)) < floatDownLayers;
    }

    /** Rewrites {@code g} in place; returns how many MatMuls were quantized. */
    int quantize(GraphBuilder g) {
        List<Node> rewritten = new ArrayList<>();
        Set<String> replaced = new HashSet<>();
        int count = 0;
        for (Node n : g.nodes()) {
            Initializer table =
                    n.opType().equals("Gather") ? g.initializer(n.inputs().get(0)) : null;
            if (table != null && table.dataType() == GraphBuilder.FLOAT && table.dims().length == 2) {
                String q = quantizeColumns(g, table);
                replaced.add(table.name());
                String gathered = g.fresh("gathered_int8");
                rewritten.add(new Node(
                        n.name() + "_quant",
                        "Gather",
                        "",
                        List.of(q, n.inputs().get(1)),
                        List.of(gathered),
                        n.attributes()));
                rewritten.add(new Node(
                        n.name() + "_dequant",
                        "DequantizeLinear",
                        "",
                        List.of(gathered, table.name() + "_scale", table.name() + "_zero_point"),
                        n.outputs(),
                        List.of(Attribute.of("axis", -1L))));
                count++;
                continue;
            }
            Initializer w = n.opType().equals("MatMul") && n.inputs().size() == 2
                    ? g.initializer(n.inputs().get(1))
                    : null;
            if (w == null || w.dataType() != GraphBuilder.FLOAT || w.dims().length != 2 || keepsFloat(w)) {
                rewritten.add(n);
                continue;
            }
            String q = quantizeColumns(g, w);
            replaced.add(w.name());
            String x = n.inputs().get(0);
            String xq = g.fresh("xq");
            String xs = g.fresh("xs");
            String xz = g.fresh("xz");
            String product = g.fresh("int_product");
            String asFloat = g.fresh("float_product");
            String scale = g.fresh("scale");
            String prefix = n.name() + "_quant";
            rewritten.add(node(prefix + "_dql", "DynamicQuantizeLinear", List.of(x), List.of(xq, xs, xz)));
            rewritten.add(node(
                    prefix + "_mmi", "MatMulInteger", List.of(xq, q, xz, w.name() + "_zero_point"), List.of(product)));
            rewritten.add(new Node(
                    prefix + "_cast", "Cast", "", List.of(product), List.of(asFloat), List.of(Attribute.of("to", (long)
                            GraphBuilder.FLOAT))));
            rewritten.add(node(prefix + "_scale", "Mul", List.of(xs, w.name() + "_scale"), List.of(scale)));
            rewritten.add(node(prefix + "_out", "Mul", List.of(asFloat, scale), n.outputs()));
            count++;
        }
        for (String name : replaced) {
            boolean stillUsed = rewritten.stream().anyMatch(n -> n.inputs().contains(name));
            if (!stillUsed) {
                g.removeInitializer(name);
            }
        }
        g.nodes().clear();
        g.nodes().addAll(rewritten);
        return count;
    }

    private static Node node(String name, String op, List<String> in, List<String> out) {
        return new Node(name, op, "", in, out, List.of());
    }

    /**
     * Quantizes a float matrix [rows, cols] with one symmetric scale per column; adds {@code name_quantized} (int8),
     * {@code name_scale} (float [cols]) and {@code name_zero_point} (int8 [cols], zeros).
     */
    private String quantizeColumns(GraphBuilder g, Initializer w) {
        int rows = Math.toIntExact(w.dims()[0]);
        int cols = Math.toIntExact(w.dims()[1]);
        String qName = w.name() + "_quantized";
        if (g.hasInitializer(qName)) {
            return qName;
        }
        var values = ByteBuffer.wrap(w.raw()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] scales = new float[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                scales[c] = Math.max(scales[c], Math.abs(values.get(r * cols + c)));
            }
        }
        for (int c = 0; c < cols; c++) {
            scales[c] = scales[c] == 0f ? 1f : scales[c] / qmax;
        }
        byte[] q = new byte[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = Math.rint(values.get(r * cols + c) / scales[c]);
                q[r * cols + c] = (byte) Math.max(-qmax, Math.min(qmax, v));
            }
        }
        g.initializer(new Initializer(qName, GraphBuilder.INT8, w.dims(), q));
        g.floats(w.name() + "_scale", new long[] {cols}, scales);
        g.initializer(new Initializer(w.name() + "_zero_point", GraphBuilder.INT8, new long[] {cols}, new byte[cols]));
        return qName;
    }
}
