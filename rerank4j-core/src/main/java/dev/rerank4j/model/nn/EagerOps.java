package dev.rerank4j.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import dev.rerank4j.model.Mode;
import dev.rerank4j.model.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * {@link Ops} on libtorch through DJL: each operation runs at once, under autograd when a gradient collector is
 * active. Results are new arrays in the caller's {@code NDScope}.
 */
public final class EagerOps implements Ops<NDArray> {
    /** Operations that read no weight (activations, attention arithmetic). */
    public static final EagerOps WITHOUT_WEIGHTS = new EagerOps(null);

    private final Parameters parameters;

    private EagerOps(Parameters parameters) {
        this.parameters = parameters;
    }

    /** Operations reading their weights from {@code parameters}. */
    public static EagerOps of(Parameters parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException("parameters must not be null");
        }
        return new EagerOps(parameters);
    }

    private NDArray weight(String name) {
        if (parameters == null) {
            throw new IllegalStateException("no weights given to read " + name);
        }
        return parameters.get(name);
    }

    @Override
    public NDArray linear(Linear layer, NDArray x) {
        NDArray w = weight(layer.name() + ".weight");
        return layer.bias()
                ? ai.djl.nn.core.Linear.linear(x, w, weight(layer.name() + ".bias"))
                        .singletonOrThrow()
                : ai.djl.nn.core.Linear.linear(x, w).singletonOrThrow();
    }

    @Override
    public NDArray embedding(Embedding table, NDArray ids) {
        return ai.djl.nn.core.Embedding.embedding(ids, weight(table.name()), SparseFormat.DENSE)
                .singletonOrThrow();
    }

    @Override
    public NDArray layerNorm(LayerNorm norm, NDArray x) {
        return ai.djl.nn.norm.LayerNorm.layerNorm(
                        x,
                        new Shape(norm.size()),
                        weight(norm.name() + ".weight"),
                        weight(norm.name() + ".bias"),
                        norm.eps())
                .singletonOrThrow();
    }

    @Override
    public NDArray add(NDArray a, NDArray b) {
        return a.add(b);
    }

    @Override
    public NDArray mul(NDArray a, NDArray b) {
        return a.mul(b);
    }

    @Override
    public NDArray addScalar(NDArray x, float value) {
        return x.add(value); // the gradient of a sum does not keep its operand
    }

    @Override
    public NDArray mulScalar(NDArray x, float value) {
        return x.mul(Scalars.of(x, value));
    }

    @Override
    public NDArray divScalar(NDArray x, float value) {
        return x.div(Scalars.of(x, value));
    }

    @Override
    public NDArray powScalar(NDArray x, float exponent) {
        return x.pow(Scalars.of(x, exponent));
    }

    @Override
    public NDArray matMul(NDArray a, NDArray b) {
        return a.matMul(b);
    }

    @Override
    public NDArray transpose(NDArray x, int... axes) {
        return x.transpose(axes);
    }

    @Override
    public NDArray softmax(NDArray x) {
        return x.softmax(-1);
    }

    @Override
    public NDArray gelu(NDArray x) {
        return ai.djl.nn.Activation.gelu(x);
    }

    @Override
    public NDArray tanh(NDArray x) {
        return x.tanh();
    }

    @Override
    public NDArray relu(NDArray x) {
        return ai.djl.nn.Activation.relu(x);
    }

    @Override
    public NDArray sigmoid(NDArray x) {
        return x.getNDArrayInternal().sigmoid();
    }

    @Override
    public NDArray dropout(Dropout dropout, NDArray x, Mode mode) {
        if (mode != Mode.TRAINING || dropout.probability() == 0f) {
            return x;
        }
        return ai.djl.nn.norm.Dropout.dropout(x, dropout.probability(), true).singletonOrThrow();
    }

    @Override
    public NDArray splitHeads(NDArray x, int n) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), n, s.get(2) / n).transpose(0, 2, 1, 3);
    }

    @Override
    public NDArray mergeHeads(NDArray x) {
        Shape s = x.getShape();
        return x.transpose(0, 2, 1, 3).reshape(s.get(0), s.get(2), s.get(1) * s.get(3));
    }

    @Override
    public NDArray repeatHeads(NDArray x, int times) {
        return x.repeat(1, times);
    }

    @Override
    public NDArray paddingMask(NDArray attentionMask) {
        Shape s = attentionMask.getShape();
        return attentionMask
                .toType(DataType.FLOAT32, false)
                .sub(1f)
                .mul(Float.MAX_VALUE)
                .reshape(s.get(0), 1, 1, s.get(1));
    }

    @Override
    public NDArray absolutePositions(NDArray ids) {
        long batch = ids.getShape().get(0);
        long seq = ids.getShape().get(1);
        return ids.getManager()
                .arange(0, (int) seq, 1, DataType.INT64)
                .reshape(1, seq)
                .broadcast(batch, seq);
    }

    @Override
    public NDArray offsetPositions(NDArray ids, long padId) {
        NDArray real = ids.neq(padId).toType(DataType.INT64, false);
        return real.cumSum(1).mul(real).add(padId);
    }

    @Override
    public NDArray firstToken(NDArray x) {
        return x.get(new NDIndex(":, 0, :"));
    }

    @Override
    public long size(NDArray x, int axis) {
        Shape s = x.getShape();
        return s.get(axis < 0 ? s.dimension() + axis : axis);
    }

    @Override
    public NDArray step(Mode mode, Supplier<NDArray> body) {
        if (mode == Mode.TRAINING) {
            return body.get(); // autograd keeps every intermediate until backward
        }
        // Inference: free the step's intermediates (attention scores are [batch, heads, seq, seq]) as soon as it is
        // done; the output moves to the caller's scope.
        NDArray out;
        NDScope scope = new NDScope();
        try {
            out = body.get();
            NDScope.unregister(out);
        } finally {
            scope.close();
        }
        NDScope.register(out);
        return out;
    }

    // ---- ModernBERT ----

    @Override
    public List<NDArray> splitLast(NDArray x, int parts) {
        return x.split(parts, x.getShape().dimension() - 1);
    }

    @Override
    public NDArray layerNormWithoutBias(LayerNorm norm, NDArray x) {
        NDArray zeros = x.getManager().zeros(new Shape(norm.size()), x.getDataType());
        return ai.djl.nn.norm.LayerNorm.layerNorm(
                        x, new Shape(norm.size()), weight(norm.name() + ".weight"), zeros, norm.eps())
                .singletonOrThrow();
    }

    @Override
    public List<NDArray> rotaryCosSin(RotaryEmbedding rope, NDArray positions) {
        return rope.cosSin(positions);
    }

    @Override
    public NDArray rotate(RotaryEmbedding rope, NDArray x, NDArray cos, NDArray sin) {
        return rope.apply(x, cos, sin);
    }

    @Override
    public NDArray windowedAttention(
            WindowedAttention attention, NDArray q, NDArray k, NDArray v, NDArray paddingMask, Mode mode) {
        return attention.forward(q, k, v, paddingMask, mode);
    }

    @Override
    public NDArray maskedMean(NDArray x, NDArray attentionMask) {
        if (attentionMask == null) {
            return x.mean(new int[] {1});
        }
        NDArray mask = attentionMask.toType(DataType.FLOAT32, false).expandDims(-1);
        return x.mul(mask).sum(new int[] {1}).div(mask.sum(new int[] {1}));
    }

    @Override
    public NDArray perPosition(Mode mode, NDArray x, long chunk, UnaryOperator<NDArray> body) {
        if (mode == Mode.TRAINING) {
            return body.apply(x);
        }
        long seq = x.getShape().get(1);
        if (seq <= chunk) {
            NDArray out = step(mode, () -> body.apply(x));
            x.close();
            return out;
        }
        List<NDArray> parts = new ArrayList<>();
        for (long from = 0; from < seq; from += chunk) {
            NDIndex positions = new NDIndex(":, {}:{}, :", from, Math.min(seq, from + chunk));
            parts.add(step(mode, () -> body.apply(x.get(positions))));
        }
        NDArray out = NDArrays.concat(new NDList(parts), 1);
        parts.forEach(NDArray::close);
        x.close();
        return out;
    }

    @Override
    public NDArray stepReplacing(Mode mode, NDArray previous, Supplier<NDArray> body) {
        NDArray out = step(mode, body);
        if (mode != Mode.TRAINING) {
            previous.close(); // 22 layer outputs would add up with the length
        }
        return out;
    }

    // ---- DeBERTa-v2/v3 ----

    @Override
    public RelativeRows<NDArray> relativeRows(Embedding table, NDArray hidden, RelativeBuckets buckets) {
        int seq = Math.toIntExact(hidden.getShape().get(1));
        RelativeBuckets.Window w = buckets.window(seq);
        NDArray rows = weight(table.name()).get(new NDIndex("{}:{}", w.first(), w.first() + w.rows()));
        NDManager m = hidden.getManager();
        return new RelativeRows<>(
                rows, m.create(w.c2p()).reshape(seq, seq), m.create(w.p2c()).reshape(seq, seq));
    }

    @Override
    public NDArray gatherLast(NDArray x, NDArray indices) {
        Shape s = x.getShape();
        long[] dims = s.getShape();
        dims[dims.length - 1] = indices.getShape().get(1);
        return x.gather(indices.broadcast(new Shape(dims)), -1);
    }

    @Override
    public NDArray unsqueeze(NDArray x, int axis) {
        return x.expandDims(axis);
    }

    @Override
    public NDArray tokenMask(NDArray attentionMask) {
        return attentionMask.toType(DataType.FLOAT32, false).expandDims(-1);
    }

    // ---- Qwen3 / Qwen2 causal-LM rerankers ----

    @Override
    public NDArray sub(NDArray a, NDArray b) {
        return a.sub(b);
    }

    @Override
    public NDArray rmsNorm(RmsNorm norm, NDArray x) {
        NDArray meanSquare = x.square().mean(new int[] {-1}, true);
        return x.div(meanSquare.add(Scalars.of(x, norm.eps())).sqrt()).mul(weight(norm.name() + ".weight"));
    }

    @Override
    public NDArray unflattenLast(NDArray x, int n) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), n, s.get(2) / n);
    }

    @Override
    public NDArray rotaryAngles(RotaryEmbedding rope, NDArray positions) {
        NDArray inv = positions.getManager().create(rope.inverseFrequencies());
        NDArray freqs = positions.toType(DataType.FLOAT32, false).expandDims(-1).mul(inv);
        return NDArrays.concat(new NDList(freqs, freqs), -1);
    }

    @Override
    public NDArray cos(NDArray x) {
        return x.cos();
    }

    @Override
    public NDArray sin(NDArray x) {
        return x.sin();
    }

    @Override
    public NDArray rotate(NDArray x, NDArray cos, NDArray sin) {
        return x.mul(cos.expandDims(1)).add(RotaryEmbedding.rotateHalf(x).mul(sin.expandDims(1)));
    }

    @Override
    public NDArray causalMask(NDArray attentionMask) {
        long batch = attentionMask.getShape().get(0);
        long seq = attentionMask.getShape().get(1);
        NDManager m = attentionMask.getManager();
        NDArray positions = m.arange(0, (int) seq, 1, DataType.INT64);
        NDArray causal =
                positions.reshape(seq, 1).gte(positions.reshape(1, seq)).toType(DataType.FLOAT32, false);
        NDArray keys = attentionMask.toType(DataType.FLOAT32, false).reshape(batch, 1, 1, seq);
        NDArray allowed = keys.mul(causal.reshape(1, 1, seq, seq));
        return allowed.sub(1f).mul(Float.MAX_VALUE);
    }

    @Override
    public NDArray lastToken(NDArray x) {
        return x.get(":, -1, :");
    }

    @Override
    public NDArray lastRealToken(NDArray x, NDArray attentionMask) {
        long seq = attentionMask.getShape().get(1);
        NDManager m = x.getManager();
        NDArray positions = m.arange(0, (int) seq, 1, DataType.INT64).reshape(1, seq);
        NDArray last = attentionMask.mul(positions.add(1)).argMax(1); // the last position whose mask is 1
        NDArray oneHot = last.reshape(-1, 1).eq(positions).toType(DataType.FLOAT32, false);
        return oneHot.expandDims(-1).mul(x).sum(new int[] {1});
    }

    @Override
    public NDArray tableRows(Embedding table, long[] ids, NDArray like) {
        NDArray indices = like.getManager().create(ids); // the batch's manager, never the weights'
        return ai.djl.nn.core.Embedding.embedding(indices, weight(table.name()), SparseFormat.DENSE)
                .singletonOrThrow();
    }

    @Override
    public NDArray sliceLast(NDArray x, long from, long to) {
        return x.get(new NDIndex("..., {}:{}", from, to));
    }

    @Override
    public NDArray rowGroups(
            Mode mode,
            long maxTokens,
            NDArray x,
            List<NDArray> rowInputs,
            BiFunction<NDArray, List<NDArray>, NDArray> body) {
        if (mode == Mode.TRAINING) {
            return body.apply(x, rowInputs); // autograd keeps every intermediate until backward
        }
        long batch = x.getShape().get(0);
        long rowsPerGroup = Math.max(1, maxTokens / x.getShape().get(1));
        List<NDArray> parts = new ArrayList<>();
        for (long from = 0; from < batch; from += rowsPerGroup) {
            long to = Math.min(batch, from + rowsPerGroup);
            boolean whole = from == 0 && to == batch;
            try (NDScope scope = new NDScope()) {
                NDArray next;
                if (whole) {
                    next = body.apply(x, rowInputs);
                } else {
                    List<NDArray> group = new ArrayList<>();
                    for (NDArray input : rowInputs) {
                        group.add(rows(input, from, to));
                    }
                    next = body.apply(rows(x, from, to), group);
                }
                NDScope.unregister(next);
                parts.add(next); // still owned by the batch's manager, which frees it with the batch
            }
        }
        x.close(); // the previous step's output is not needed again: a deep stack of them would add up
        if (parts.size() == 1) {
            return parts.get(0);
        }
        NDArray joined = NDArrays.concat(new NDList(parts), 0);
        parts.forEach(NDArray::close);
        return joined;
    }

    private static NDArray rows(NDArray a, long from, long to) {
        return a.get(new NDIndex("{}:{}", from, to));
    }
}
