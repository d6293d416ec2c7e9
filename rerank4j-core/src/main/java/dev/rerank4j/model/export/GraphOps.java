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
import dev.rerank4j.model.nn.RelativeBuckets;
import dev.rerank4j.model.nn.RelativeRows;
import dev.rerank4j.model.nn.RmsNorm;
import dev.rerank4j.model.nn.RotaryEmbedding;
import dev.rerank4j.model.nn.WindowedAttention;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

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

    // ---- DeBERTa-v2/v3 ----

    /**
     * The whole relative-embedding table and indices built from the run-time length: {@code rel = i - j} from
     * {@code Range}, log-bucketed as transformers' {@code make_log_bucket_position} in float32 ({@code Sign},
     * {@code Abs}, {@code Log}, {@code Ceil}), then {@code Clip(±rel + span, 0, 2 span - 1)}.
     */
    @Override
    public RelativeRows<OnnxValue> relativeRows(Embedding table, OnnxValue hidden, RelativeBuckets buckets) {
        OnnxValue rows = new OnnxValue(weight(table.name()), FLOAT, new long[] {table.rows(), table.size()});
        String shape = g.node("Shape", List.of(hidden.name()));
        String seq = g.node("Gather", List.of(shape, g.scalar(1L)), Attribute.of("axis", 0L));
        String range = g.node("Range", List.of(g.scalar(0L), seq, g.scalar(1L)));
        String queries = g.node("Unsqueeze", List.of(range, g.vector(1)));
        String keys = g.node("Unsqueeze", List.of(range, g.vector(0)));
        String rel = g.node("Sub", List.of(queries, keys)); // int64 [seq, seq]: i - j
        if (buckets.positionBuckets() > 0) {
            rel = logBuckets(rel, buckets.positionBuckets(), buckets.maxRelativePositions());
        }
        long span = buckets.attentionSpan();
        String low = g.scalar(0L);
        String high = g.scalar(2 * span - 1);
        String c2p = g.node("Clip", List.of(g.node("Add", List.of(rel, g.scalar(span))), low, high));
        String p2c = g.node("Clip", List.of(g.node("Sub", List.of(g.scalar(span), rel)), low, high));
        long[] square = {hidden.dim(1), hidden.dim(1)};
        return new RelativeRows<>(rows, new OnnxValue(c2p, INT64, square), new OnnxValue(p2c, INT64, square));
    }

    /**
     * {@code make_log_bucket_position} over int64 distances: {@code |rel| <= mid} stays; longer distances become
     * {@code sign * (ceil(log(|rel| / mid) / log((max - 1) / mid) * (mid - 1)) + mid)}, each step in float32 as
     * transformers (and {@code RelativePositions.logBucket}) computes it.
     */
    private String logBuckets(String rel, int bucketSize, int maxPosition) {
        int mid = bucketSize / 2;
        String midF = g.scalar((float) mid);
        String relF = g.node("Cast", List.of(rel), Attribute.of("to", (long) FLOAT));
        String sign = g.node("Sign", List.of(relF));
        String abs = g.node("Abs", List.of(relF));
        String near = g.node("Less", List.of(abs, midF));
        String absPos = g.node("Where", List.of(near, g.scalar((float) (mid - 1)), abs));
        String logRatio = g.node("Log", List.of(g.node("Div", List.of(absPos, midF))));
        float logMax = (float) Math.log((float) ((double) (maxPosition - 1) / mid));
        String scaled =
                g.node("Mul", List.of(g.node("Div", List.of(logRatio, g.scalar(logMax))), g.scalar((float) (mid - 1))));
        String logPos = g.node("Add", List.of(g.node("Ceil", List.of(scaled)), midF));
        String within = g.node("LessOrEqual", List.of(absPos, midF));
        String bucket = g.node("Where", List.of(within, relF, g.node("Mul", List.of(logPos, sign))));
        return g.node("Cast", List.of(bucket), Attribute.of("to", (long) INT64));
    }

    /** {@code GatherElements} on the indices expanded to {@code x}'s leading axes: Shape(x)[:-2] ++ [1, 1]. */
    @Override
    public OnnxValue gatherLast(OnnxValue x, OnnxValue indices) {
        String lead = g.node("Shape", List.of(x.name()), Attribute.of("start", 0L), Attribute.of("end", -2L));
        String target = g.node("Concat", List.of(lead, g.vector(1, 1)), Attribute.of("axis", 0L));
        String expanded = g.node("Expand", List.of(indices.name(), target));
        long[] shape = x.shape();
        shape[shape.length - 1] = indices.dim(1);
        return op("GatherElements", x.elemType(), shape, List.of(x.name(), expanded), Attribute.of("axis", -1L));
    }

    @Override
    public OnnxValue unsqueeze(OnnxValue x, int axis) {
        long[] in = x.shape();
        long[] shape = new long[in.length + 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            shape[i] = i == axis ? 1 : in[j++];
        }
        return op("Unsqueeze", x.elemType(), shape, List.of(x.name(), g.vector(axis)));
    }

    @Override
    public OnnxValue tokenMask(OnnxValue attentionMask) {
        OnnxValue f = op(
                "Cast", FLOAT, attentionMask.shape(), List.of(attentionMask.name()), Attribute.of("to", (long) FLOAT));
        return unsqueeze(f, attentionMask.rank());
    }

    // ---- Qwen3 / Qwen2 causal-LM rerankers ----

    @Override
    public OnnxValue sub(OnnxValue a, OnnxValue b) {
        return op("Sub", a.elemType(), Shapes.broadcast(a.shape(), b.shape()), List.of(a.name(), b.name()));
    }

    /** {@code x / sqrt(mean(x * x) + eps) * weight}, in the eager order (ONNX Runtime fuses it). */
    @Override
    public OnnxValue rmsNorm(RmsNorm norm, OnnxValue x) {
        OnnxValue square = op("Mul", FLOAT, x.shape(), List.of(x.name(), x.name()));
        long[] reduced = x.shape();
        reduced[reduced.length - 1] = 1;
        OnnxValue mean = op(
                "ReduceMean",
                FLOAT,
                reduced,
                List.of(square.name()),
                Attribute.ints("axes", -1L),
                Attribute.of("keepdims", 1L));
        OnnxValue rms =
                op("Sqrt", FLOAT, reduced, List.of(addScalar(mean, norm.eps()).name()));
        OnnxValue normed = op("Div", FLOAT, x.shape(), List.of(x.name(), rms.name()));
        return op("Mul", FLOAT, x.shape(), List.of(normed.name(), weight(norm.name() + ".weight")));
    }

    @Override
    public OnnxValue unflattenLast(OnnxValue x, int n) {
        long d = size(x, 2) / n;
        return op(
                "Reshape",
                x.elemType(),
                new long[] {x.dim(0), x.dim(1), n, d},
                List.of(x.name(), g.vector(0, 0, n, d)));
    }

    @Override
    public OnnxValue rotaryAngles(RotaryEmbedding rope, OnnxValue positions) {
        float[] inv = rope.inverseFrequencies();
        String invName =
                "rope_inv_freq_" + rope.headDim() + "_" + Integer.toHexString(Float.floatToIntBits(rope.theta()));
        if (!g.hasInitializer(invName)) {
            g.floats(invName, new long[] {inv.length}, inv);
        }
        OnnxValue f = op("Cast", FLOAT, positions.shape(), List.of(positions.name()), Attribute.of("to", (long) FLOAT));
        long[] col = java.util.Arrays.copyOf(f.shape(), f.rank() + 1);
        col[f.rank()] = 1;
        OnnxValue expanded = op("Unsqueeze", FLOAT, col, List.of(f.name(), g.vector(-1)));
        col[f.rank()] = inv.length;
        OnnxValue freqs = op("Mul", FLOAT, col, List.of(expanded.name(), invName));
        long[] both = col.clone();
        both[f.rank()] = rope.headDim();
        return op("Concat", FLOAT, both, List.of(freqs.name(), freqs.name()), Attribute.of("axis", -1L));
    }

    @Override
    public OnnxValue cos(OnnxValue x) {
        return op("Cos", FLOAT, x.shape(), List.of(x.name()));
    }

    @Override
    public OnnxValue sin(OnnxValue x) {
        return op("Sin", FLOAT, x.shape(), List.of(x.name()));
    }

    @Override
    public OnnxValue rotate(OnnxValue x, OnnxValue cos, OnnxValue sin) {
        long d = size(x, 3);
        long half = d / 2;
        OnnxValue c = unsqueezeHeads(cos);
        OnnxValue s = unsqueezeHeads(sin);
        long[] halfShape = x.shape();
        halfShape[3] = half;
        OnnxValue first = op("Slice", FLOAT, halfShape, List.of(x.name(), g.vector(0), g.vector(half), g.vector(-1)));
        OnnxValue second = op("Slice", FLOAT, halfShape, List.of(x.name(), g.vector(half), g.vector(d), g.vector(-1)));
        OnnxValue negated = op("Neg", FLOAT, halfShape, List.of(second.name()));
        OnnxValue rotated =
                op("Concat", FLOAT, x.shape(), List.of(negated.name(), first.name()), Attribute.of("axis", -1L));
        return add(mul(x, c), mul(rotated, s));
    }

    /** [batch, seq, d] to [batch, 1, seq, d]. */
    private OnnxValue unsqueezeHeads(OnnxValue x) {
        return op(
                "Unsqueeze",
                x.elemType(),
                new long[] {x.dim(0), 1, x.dim(1), x.dim(2)},
                List.of(x.name(), g.vector(1)));
    }

    /** {@code Range(0, seq)} of a [batch, seq] value: int64 [seq]. */
    private String sequencePositions(OnnxValue x) {
        String shape = g.node("Shape", List.of(x.name()));
        String seq = g.node("Gather", List.of(shape, g.scalar(1L)), Attribute.of("axis", 0L));
        return g.node("Range", List.of(g.scalar(0L), seq, g.scalar(1L)));
    }

    @Override
    public OnnxValue causalMask(OnnxValue attentionMask) {
        long seq = attentionMask.dim(1);
        String positions = sequencePositions(attentionMask);
        String queries = g.node("Unsqueeze", List.of(positions, g.vector(1)));
        String keys = g.node("Unsqueeze", List.of(positions, g.vector(0)));
        String before = g.node("GreaterOrEqual", List.of(queries, keys));
        OnnxValue causal = op("Cast", FLOAT, new long[] {seq, seq}, List.of(before), Attribute.of("to", (long) FLOAT));
        OnnxValue real = op(
                "Cast", FLOAT, attentionMask.shape(), List.of(attentionMask.name()), Attribute.of("to", (long) FLOAT));
        OnnxValue realKeys = op(
                "Unsqueeze", FLOAT, new long[] {attentionMask.dim(0), 1, 1, seq}, List.of(real.name(), g.vector(1, 2)));
        OnnxValue allowed = mul(realKeys, causal);
        OnnxValue shifted = op("Sub", FLOAT, allowed.shape(), List.of(allowed.name(), g.scalar(1f)));
        return mulScalar(shifted, Float.MAX_VALUE);
    }

    @Override
    public OnnxValue lastToken(OnnxValue x) {
        return op(
                "Gather",
                x.elemType(),
                new long[] {x.dim(0), x.dim(2)},
                List.of(x.name(), g.scalar(-1L)),
                Attribute.of("axis", 1L));
    }

    /**
     * The eager formulation: {@code argmax(mask * (position + 1))} is the last real position; its one-hot row picks
     * the state ({@code sum(one_hot * x)} over the sequence).
     */
    @Override
    public OnnxValue lastRealToken(OnnxValue x, OnnxValue attentionMask) {
        String positions = sequencePositions(attentionMask);
        String counted = g.node("Add", List.of(positions, g.scalar(1L)));
        String weighted = g.node("Mul", List.of(attentionMask.name(), counted));
        String asFloat = g.node("Cast", List.of(weighted), Attribute.of("to", (long) FLOAT)); // exact below 2^24
        String last = g.node("ArgMax", List.of(asFloat), Attribute.of("axis", 1L), Attribute.of("keepdims", 1L));
        String hit = g.node("Equal", List.of(last, positions));
        String oneHot = g.node("Cast", List.of(hit), Attribute.of("to", (long) FLOAT));
        OnnxValue column = op("Unsqueeze", FLOAT, new long[] {x.dim(0), x.dim(1), 1}, List.of(oneHot, g.vector(-1)));
        OnnxValue picked = mul(column, x);
        return op(
                "ReduceSum",
                FLOAT,
                new long[] {x.dim(0), x.dim(2)},
                List.of(picked.name(), g.vector(1)),
                Attribute.of("keepdims", 0L));
    }

    /** The rows become one small constant: the rest of the table (an LM head's vocabulary) stays out of the graph. */
    @Override
    public OnnxValue tableRows(Embedding table, long[] ids, OnnxValue like) {
        StringBuilder name = new StringBuilder(table.name()).append(".rows");
        for (long id : ids) {
            name.append('_').append(id);
        }
        String rowsName = name.toString();
        if (!g.hasInitializer(rowsName)) {
            int width = Math.toIntExact(table.size());
            float[] values = new float[ids.length * width];
            for (int r = 0; r < ids.length; r++) {
                if (ids[r] < 0 || ids[r] >= table.rows()) {
                    throw new IllegalArgumentException(
                            table.name() + ": row " + ids[r] + " is outside [0, " + table.rows() + ")");
                }
                try (ai.djl.ndarray.NDArray row = parameters.get(table.name()).get(ids[r])) {
                    System.arraycopy(row.toFloatArray(), 0, values, r * width, width);
                }
            }
            g.floats(rowsName, new long[] {ids.length, width}, values);
        }
        return new OnnxValue(rowsName, FLOAT, new long[] {ids.length, table.size()});
    }

    @Override
    public OnnxValue sliceLast(OnnxValue x, long from, long to) {
        long[] shape = x.shape();
        shape[shape.length - 1] = to - from;
        return op("Slice", x.elemType(), shape, List.of(x.name(), g.vector(from), g.vector(to), g.vector(-1)));
    }

    /** A graph has no memory to bound: the plain formulation. */
    @Override
    public OnnxValue rowGroups(
            Mode mode,
            long maxTokens,
            OnnxValue x,
            List<OnnxValue> rowInputs,
            BiFunction<OnnxValue, List<OnnxValue>, OnnxValue> body) {
        return body.apply(x, rowInputs);
    }
}
