package dev.rerank4j.model.export;

import static dev.rerank4j.model.export.GraphBuilder.FLOAT;
import static dev.rerank4j.model.export.GraphBuilder.INT64;

import dev.rerank4j.model.Mode;
import dev.rerank4j.model.Parameters;
import dev.rerank4j.model.export.GraphBuilder.Attribute;
import dev.rerank4j.model.nn.Dropout;
import dev.rerank4j.model.nn.Embedding;
import dev.rerank4j.model.nn.LayerNorm;
import dev.rerank4j.model.nn.Linear;
import dev.rerank4j.model.nn.Ops;
import dev.rerank4j.model.nn.RotaryEmbedding;
import dev.rerank4j.model.nn.WindowedAttention;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Ops} that record ONNX nodes instead of computing: the forward pass written over {@link Ops} becomes the
 * graph. Batch and sequence sizes stay symbolic: heads are split and merged by {@code Reshape} with {@code 0} (copy
 * the axis) and {@code -1}, positions come from {@code Shape} + {@code Range}. Weights become initializers the first
 * time a block reads them; a {@link Linear} weight is stored transposed, [in, out], for {@code MatMul} (as PyTorch's
 * exporter does), which is also the form dynamic quantization expects.
 */
final class GraphOps implements Ops<OnnxValue> {
    private final GraphBuilder g;
    private final Parameters parameters;

    GraphOps(GraphBuilder g, Parameters parameters) {
        this.g = g;
        this.parameters = parameters;
    }

    private String weight(String name) {
        if (!g.hasInitializer(name)) {
            long[] dims = parameters.get(name).getShape().getShape();
            g.floats(name, dims, parameters.values(name));
        }
        return name;
    }

    private String transposedWeight(Linear layer) {
        String name = layer.name() + ".weight.T";
        if (!g.hasInitializer(name)) {
            float[] w = parameters.values(layer.name() + ".weight"); // [out, in]
            int out = Math.toIntExact(layer.out());
            int in = Math.toIntExact(layer.in());
            float[] t = new float[w.length];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    t[i * out + o] = w[o * in + i];
                }
            }
            g.floats(name, new long[] {in, out}, t);
        }
        return name;
    }

    private OnnxValue op(String opType, int elemType, long[] shape, List<String> in, Attribute... attributes) {
        return new OnnxValue(g.node(opType, in, attributes), elemType, shape);
    }

    @Override
    public OnnxValue linear(Linear layer, OnnxValue x) {
        long[] shape = x.shape();
        shape[shape.length - 1] = layer.out();
        OnnxValue y = op("MatMul", FLOAT, shape, List.of(x.name(), transposedWeight(layer)));
        return layer.bias() ? op("Add", FLOAT, shape, List.of(y.name(), weight(layer.name() + ".bias"))) : y;
    }

    @Override
    public OnnxValue embedding(Embedding table, OnnxValue ids) {
        long[] shape = java.util.Arrays.copyOf(ids.shape(), ids.rank() + 1);
        shape[ids.rank()] = table.size();
        return op("Gather", FLOAT, shape, List.of(weight(table.name()), ids.name()), Attribute.of("axis", 0L));
    }

    @Override
    public OnnxValue layerNorm(LayerNorm norm, OnnxValue x) {
        return op(
                "LayerNormalization",
                FLOAT,
                x.shape(),
                List.of(x.name(), weight(norm.name() + ".weight"), weight(norm.name() + ".bias")),
                Attribute.of("axis", -1L),
                Attribute.of("epsilon", norm.eps()));
    }

    @Override
    public OnnxValue add(OnnxValue a, OnnxValue b) {
        return op("Add", a.elemType(), Shapes.broadcast(a.shape(), b.shape()), List.of(a.name(), b.name()));
    }

    @Override
    public OnnxValue mul(OnnxValue a, OnnxValue b) {
        return op("Mul", a.elemType(), Shapes.broadcast(a.shape(), b.shape()), List.of(a.name(), b.name()));
    }

    @Override
    public OnnxValue addScalar(OnnxValue x, float value) {
        return op("Add", FLOAT, x.shape(), List.of(x.name(), g.scalar(value)));
    }

    @Override
    public OnnxValue mulScalar(OnnxValue x, float value) {
        return op("Mul", FLOAT, x.shape(), List.of(x.name(), g.scalar(value)));
    }

    @Override
    public OnnxValue divScalar(OnnxValue x, float value) {
        return op("Div", FLOAT, x.shape(), List.of(x.name(), g.scalar(value)));
    }

    @Override
    public OnnxValue powScalar(OnnxValue x, float exponent) {
        return op("Pow", FLOAT, x.shape(), List.of(x.name(), g.scalar(exponent)));
    }

    @Override
    public OnnxValue matMul(OnnxValue a, OnnxValue b) {
        return op("MatMul", FLOAT, Shapes.matMul(a.shape(), b.shape()), List.of(a.name(), b.name()));
    }

    @Override
    public OnnxValue transpose(OnnxValue x, int... axes) {
        long[] perm = new long[axes.length];
        long[] shape = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            perm[i] = axes[i];
            shape[i] = x.dim(axes[i]);
        }
        return op("Transpose", x.elemType(), shape, List.of(x.name()), Attribute.ints("perm", perm));
    }

    @Override
    public OnnxValue softmax(OnnxValue x) {
        return op("Softmax", FLOAT, x.shape(), List.of(x.name()), Attribute.of("axis", -1L));
    }

    /** {@code x * 0.5 * (1 + erf(x / sqrt(2)))}, the pattern ONNX Runtime fuses into one Gelu kernel. */
    @Override
    public OnnxValue gelu(OnnxValue x) {
        OnnxValue scaled = divScalar(x, (float) Math.sqrt(2.0));
        OnnxValue erf = op("Erf", FLOAT, x.shape(), List.of(scaled.name()));
        return mulScalar(mul(x, addScalar(erf, 1f)), 0.5f);
    }

    @Override
    public OnnxValue tanh(OnnxValue x) {
        return op("Tanh", FLOAT, x.shape(), List.of(x.name()));
    }

    @Override
    public OnnxValue relu(OnnxValue x) {
        return op("Relu", FLOAT, x.shape(), List.of(x.name()));
    }

    @Override
    public OnnxValue sigmoid(OnnxValue x) {
        return op("Sigmoid", FLOAT, x.shape(), List.of(x.name()));
    }

    /** An exported graph infers: dropout is the identity. */
    @Override
    public OnnxValue dropout(Dropout dropout, OnnxValue x, Mode mode) {
        return x;
    }

    @Override
    public OnnxValue splitHeads(OnnxValue x, int n) {
        long d = size(x, 2) / n;
        OnnxValue split = op(
                "Reshape",
                x.elemType(),
                new long[] {x.dim(0), x.dim(1), n, d},
                List.of(x.name(), g.vector(0, 0, n, d)));
        return transpose(split, 0, 2, 1, 3);
    }

    @Override
    public OnnxValue mergeHeads(OnnxValue x) {
        long width = size(x, 1) * size(x, 3);
        OnnxValue t = transpose(x, 0, 2, 1, 3);
        return op(
                "Reshape",
                x.elemType(),
                new long[] {t.dim(0), t.dim(1), width},
                List.of(t.name(), g.vector(0, 0, width)));
    }

    @Override
    public OnnxValue repeatHeads(OnnxValue x, int times) {
        long kv = size(x, 1);
        long d = size(x, 3);
        OnnxValue u = op(
                "Unsqueeze", x.elemType(), new long[] {x.dim(0), kv, 1, x.dim(2), d}, List.of(x.name(), g.vector(2)));
        OnnxValue e = op(
                "Expand",
                x.elemType(),
                new long[] {x.dim(0), kv, times, x.dim(2), d},
                List.of(u.name(), g.vector(1, 1, times, 1, 1)));
        return op(
                "Reshape",
                x.elemType(),
                new long[] {x.dim(0), kv * times, x.dim(2), d},
                List.of(e.name(), g.vector(0, kv * times, -1, d)));
    }

    @Override
    public OnnxValue paddingMask(OnnxValue attentionMask) {
        OnnxValue f = op(
                "Cast", FLOAT, attentionMask.shape(), List.of(attentionMask.name()), Attribute.of("to", (long) FLOAT));
        OnnxValue shifted = op("Sub", FLOAT, f.shape(), List.of(f.name(), g.scalar(1f)));
        OnnxValue scaled = mulScalar(shifted, Float.MAX_VALUE);
        return op(
                "Unsqueeze",
                FLOAT,
                new long[] {attentionMask.dim(0), 1, 1, attentionMask.dim(1)},
                List.of(scaled.name(), g.vector(1, 2)));
    }

    @Override
    public OnnxValue absolutePositions(OnnxValue ids) {
        String shape = g.node("Shape", List.of(ids.name()));
        String seq = g.node("Gather", List.of(shape, g.scalar(1L)), Attribute.of("axis", 0L));
        String range = g.node("Range", List.of(g.scalar(0L), seq, g.scalar(1L)));
        return op("Unsqueeze", INT64, new long[] {1, ids.dim(1)}, List.of(range, g.vector(0)));
    }

    @Override
    public OnnxValue offsetPositions(OnnxValue ids, long padId) {
        String pad = g.scalar(padId);
        String isPad = g.node("Equal", List.of(ids.name(), pad));
        String notPad = g.node("Not", List.of(isPad));
        String real = g.node("Cast", List.of(notPad), Attribute.of("to", (long) INT64));
        String counted = g.node("CumSum", List.of(real, g.scalar(1L)));
        String kept = g.node("Mul", List.of(counted, real));
        return op("Add", INT64, ids.shape(), List.of(kept, pad));
    }

    @Override
    public OnnxValue firstToken(OnnxValue x) {
        return op(
                "Gather",
                x.elemType(),
                new long[] {x.dim(0), x.dim(2)},
                List.of(x.name(), g.scalar(0L)),
                Attribute.of("axis", 1L));
    }

    @Override
    public long size(OnnxValue x, int axis) {
        long d = x.dim(axis);
        if (d < 0) {
            throw new IllegalStateException("axis " + axis + " of " + x + " is dynamic; a forward pass written over"
                    + " Ops may read only static sizes");
        }
        return d;
    }

    /** Zero token types for ids [batch, seq] ({@code ids * 0}), for architectures without a token-type input. */
    OnnxValue zerosLike(OnnxValue ids) {
        return op("Mul", INT64, ids.shape(), List.of(ids.name(), g.scalar(0L)));
    }

    // ---- ModernBERT ----

    /** The combined padding and band masks already recorded, by half window and padding mask. */
    private final Map<String, OnnxValue> bandMasks = new HashMap<>();

    /** {@code Slice}s of the last axis (opset 17's {@code Split} takes sizes; a slice per part says the same). */
    @Override
    public List<OnnxValue> splitLast(OnnxValue x, int parts) {
        long width = size(x, -1);
        if (parts <= 0 || width % parts != 0) {
            throw new IllegalArgumentException("cannot split a last axis of " + width + " into " + parts + " parts");
        }
        long part = width / parts;
        long[] shape = x.shape();
        shape[shape.length - 1] = part;
        List<OnnxValue> out = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            out.add(op(
                    "Slice",
                    x.elemType(),
                    shape,
                    List.of(x.name(), g.vector(i * part), g.vector((i + 1) * part), g.vector(-1))));
        }
        return out;
    }

    @Override
    public OnnxValue layerNormWithoutBias(LayerNorm norm, OnnxValue x) {
        return op(
                "LayerNormalization",
                FLOAT,
                x.shape(),
                List.of(x.name(), weight(norm.name() + ".weight")),
                Attribute.of("axis", -1L),
                Attribute.of("epsilon", norm.eps()));
    }

    /** {@code positions x inverse frequencies}, repeated over both halves of a head, then {@code Cos} and {@code Sin}. */
    @Override
    public List<OnnxValue> rotaryCosSin(RotaryEmbedding rope, OnnxValue positions) {
        float[] inv = rope.inverseFrequencies();
        String invName =
                "rope_inv_freq_" + Integer.toHexString(Float.floatToRawIntBits(rope.theta())) + "_" + rope.headDim();
        if (!g.hasInitializer(invName)) {
            g.floats(invName, new long[] {inv.length}, inv);
        }
        long[] one = java.util.Arrays.copyOf(positions.shape(), positions.rank() + 1);
        one[positions.rank()] = 1;
        long[] half = one.clone();
        half[positions.rank()] = inv.length;
        long[] full = one.clone();
        full[positions.rank()] = rope.headDim();
        String asFloat = g.node("Cast", List.of(positions.name()), Attribute.of("to", (long) FLOAT));
        String column = g.node("Unsqueeze", List.of(asFloat, g.vector(-1)));
        OnnxValue freqs = op("Mul", FLOAT, half, List.of(column, invName));
        OnnxValue angles = op("Concat", FLOAT, full, List.of(freqs.name(), freqs.name()), Attribute.of("axis", -1L));
        return List.of(op("Cos", FLOAT, full, List.of(angles.name())), op("Sin", FLOAT, full, List.of(angles.name())));
    }

    /** {@code x cos + rotate_half(x) sin}, {@code rotate_half(x) = cat(-x[..., d/2:], x[..., :d/2])}. */
    @Override
    public OnnxValue rotate(RotaryEmbedding rope, OnnxValue x, OnnxValue cos, OnnxValue sin) {
        long d = size(x, -1);
        List<OnnxValue> halves = splitLast(x, 2);
        OnnxValue negated =
                op("Neg", FLOAT, halves.get(1).shape(), List.of(halves.get(1).name()));
        OnnxValue rotated = op(
                "Concat",
                FLOAT,
                x.shape(),
                List.of(negated.name(), halves.get(0).name()),
                Attribute.of("axis", -1L));
        long[] perHead = new long[] {cos.dim(0), 1, cos.dim(1), d};
        OnnxValue c = op("Unsqueeze", FLOAT, perHead, List.of(cos.name(), g.vector(1)));
        OnnxValue s = op("Unsqueeze", FLOAT, perHead, List.of(sin.name(), g.vector(1)));
        return add(mul(x, c), mul(rotated, s));
    }

    /**
     * The plain formulation: {@code softmax(q k^T d^-1/2 + mask) v} over the full scores, where the mask is the padding
     * mask and, for a window, the band {@code |i - j| > halfWindow} from {@code Range(0, seq)} of the run-time length
     * (combined by {@code Min}, as the eager blocks combine them). Padding queries whose whole window is padding get
     * other (meaningless) values than the eager blocks; no real position reads them.
     */
    @Override
    public OnnxValue windowedAttention(
            WindowedAttention attention, OnnxValue q, OnnxValue k, OnnxValue v, OnnxValue paddingMask, Mode mode) {
        long d = size(q, 3);
        OnnxValue scores = mulScalar(matMul(q, transpose(k, 0, 1, 3, 2)), (float) Math.pow(d, -0.5));
        OnnxValue mask = attention.windowed() ? bandMask(attention.halfWindow(), q, paddingMask) : paddingMask;
        return matMul(softmax(add(scores, mask)), v);
    }

    /** The padding mask [batch, 1, 1, seq] combined with the band of a window: [batch, 1, seq, seq]. */
    private OnnxValue bandMask(int halfWindow, OnnxValue q, OnnxValue paddingMask) {
        return bandMasks.computeIfAbsent(halfWindow + "/" + paddingMask.name(), key -> {
            String shape = g.node("Shape", List.of(q.name()));
            String seq = g.node("Gather", List.of(shape, g.scalar(2L)), Attribute.of("axis", 0L));
            String range = g.node("Range", List.of(g.scalar(0L), seq, g.scalar(1L)));
            // float positions: exact up to 2^24 tokens, and Abs / Greater on float run everywhere
            String positions = g.node("Cast", List.of(range), Attribute.of("to", (long) FLOAT));
            String rows = g.node("Unsqueeze", List.of(positions, g.vector(1)));
            String cols = g.node("Unsqueeze", List.of(positions, g.vector(0)));
            String distance = g.node("Abs", List.of(g.node("Sub", List.of(rows, cols))));
            String far = g.node("Greater", List.of(distance, g.scalar((float) halfWindow)));
            String band = g.node("Where", List.of(far, g.scalar(-Float.MAX_VALUE), g.scalar(0f)));
            return op(
                    "Min",
                    FLOAT,
                    new long[] {paddingMask.dim(0), 1, q.dim(2), q.dim(2)},
                    List.of(paddingMask.name(), band));
        });
    }

    @Override
    public OnnxValue maskedMean(OnnxValue x, OnnxValue attentionMask) {
        long[] pooled = new long[] {x.dim(0), x.dim(2)};
        if (attentionMask == null) {
            return op(
                    "ReduceMean",
                    FLOAT,
                    pooled,
                    List.of(x.name()),
                    Attribute.ints("axes", new long[] {1}),
                    Attribute.of("keepdims", 0L));
        }
        String asFloat = g.node("Cast", List.of(attentionMask.name()), Attribute.of("to", (long) FLOAT));
        OnnxValue mask = op(
                "Unsqueeze",
                FLOAT,
                new long[] {attentionMask.dim(0), attentionMask.dim(1), 1},
                List.of(asFloat, g.vector(-1)));
        OnnxValue sum =
                op("ReduceSum", FLOAT, pooled, List.of(mul(x, mask).name(), g.vector(1)), Attribute.of("keepdims", 0L));
        OnnxValue count = op(
                "ReduceSum",
                FLOAT,
                new long[] {x.dim(0), 1},
                List.of(mask.name(), g.vector(1)),
                Attribute.of("keepdims", 0L));
        return op("Div", FLOAT, pooled, List.of(sum.name(), count.name()));
    }
}
