package dev.rerank4j.model.nn;

import dev.rerank4j.model.Mode;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The tensor operations a forward pass is written over, so that one description of an architecture both runs
 * (eagerly on libtorch, with autograd: {@link EagerOps}) and records itself as an ONNX graph (the exporter's
 * implementation in {@code dev.rerank4j.model.export}). Every operation is shape-generic: sizes that vary between
 * batches (batch, sequence) are never read as numbers, so a recorded graph keeps them symbolic; only the static sizes
 * of the last axes ({@link #size}) may be asked for.
 *
 * <p>Weights are named through the building blocks ({@link Linear}, {@link Embedding}, {@link LayerNorm}), which
 * carry their Hugging Face names. Element-wise arithmetic with a scalar keeps its float operand; the eager
 * implementation allocates it in libtorch ({@link Scalars}) where autograd keeps it.
 *
 * @param <T> the tensor type: {@code NDArray} when running, a graph value when recording
 */
public interface Ops<T> {
    /** {@code x @ W^T + b} of a {@link Linear} layer over the last axis. */
    T linear(Linear layer, T x);

    /** The rows of an {@link Embedding} table for int64 ids of any shape: [..., size]. */
    T embedding(Embedding table, T ids);

    /** A {@link LayerNorm} over the last axis. */
    T layerNorm(LayerNorm norm, T x);

    /** {@code a + b}, broadcasting. */
    T add(T a, T b);

    /** {@code a * b}, broadcasting. */
    T mul(T a, T b);

    /** {@code x + value}. */
    T addScalar(T x, float value);

    /** {@code x * value}. */
    T mulScalar(T x, float value);

    /** {@code x / value}. */
    T divScalar(T x, float value);

    /** {@code x ^ exponent}, element-wise. */
    T powScalar(T x, float exponent);

    /** The matrix product over the last two axes, broadcasting the leading ones ({@code torch.matmul}). */
    T matMul(T a, T b);

    /** Permutes the axes. */
    T transpose(T x, int... axes);

    /** Softmax over the last axis. */
    T softmax(T x);

    /** The exact GELU {@code x * Phi(x)} (erf form). */
    T gelu(T x);

    /** Hyperbolic tangent. */
    T tanh(T x);

    /** {@code max(x, 0)}. */
    T relu(T x);

    /** The logistic sigmoid. */
    T sigmoid(T x);

    /** {@link Dropout} in training; the identity otherwise (and always in a recorded inference graph). */
    T dropout(Dropout dropout, T x, Mode mode);

    /** Splits the last axis into heads: [batch, seq, n * d] to [batch, n, seq, d]. */
    T splitHeads(T x, int n);

    /** Merges heads back: [batch, n, seq, d] to [batch, seq, n * d]. */
    T mergeHeads(T x);

    /**
     * Repeats each head {@code times} times along axis 1 ({@code repeat_interleave}, transformers' {@code repeat_kv}):
     * [batch, kv, seq, d] to [batch, kv * times, seq, d].
     */
    T repeatHeads(T x, int times);

    /** The additive padding mask [batch, 1, 1, seq] of a 0/1 int64 mask [batch, seq] ({@link AttentionMask}). */
    T paddingMask(T attentionMask);

    /** Absolute int64 positions {@code 0..seq-1} for ids [batch, seq], broadcastable to [batch, seq]. */
    T absolutePositions(T ids);

    /**
     * RoBERTa's int64 positions [batch, seq]: real tokens (ids other than {@code padId}) count from {@code padId + 1},
     * padding stays at {@code padId} (transformers' {@code create_position_ids_from_input_ids}).
     */
    T offsetPositions(T ids, long padId);

    /** The first token's state: [batch, seq, hidden] to [batch, hidden]. */
    T firstToken(T x);

    /** The static size of {@code axis} (negative counts from the end); batch and sequence axes have none. */
    long size(T x, int axis);

    /**
     * Runs one step of a deep stack (a layer). The eager implementation frees the step's intermediates at once in
     * {@link Mode#INFERENCE}, so peak memory is one layer's; in training, autograd keeps them.
     */
    default T step(Mode mode, Supplier<T> body) {
        return body.get();
    }

    // ---- ModernBERT ----

    /**
     * The {@code parts} equal slices of the last axis, in order ({@code torch.chunk}): a fused projection's queries,
     * keys and values, or a fused GLU's input and gate.
     */
    List<T> splitLast(T x, int parts);

    /**
     * A {@link LayerNorm} over the last axis without a bias ({@code nn.LayerNorm(bias=False)}): reads only
     * {@code name.weight}.
     */
    T layerNormWithoutBias(LayerNorm norm, T x);

    /**
     * The rotary cosines and sines [..., seq, headDim] of int64 positions [..., seq] ({@link RotaryEmbedding#cosSin}),
     * in that order.
     */
    List<T> rotaryCosSin(RotaryEmbedding rope, T positions);

    /** Rotates split heads [batch, heads, seq, headDim] by their positions ({@link RotaryEmbedding#apply}). */
    T rotate(RotaryEmbedding rope, T x, T cos, T sin);

    /**
     * Global or sliding-window attention of split heads {@code q}, {@code k}, {@code v} [batch, heads, seq, d] with
     * the additive padding mask [batch, 1, 1, seq] ({@link WindowedAttention}): the context [batch, heads, seq, d]. The
     * eager implementation attends block by block (no {@code seq x seq} scores); a recorded graph adds the band mask
     * {@code |i - j| > halfWindow} built from the run-time sequence length to the full scores.
     */
    T windowedAttention(WindowedAttention attention, T q, T k, T v, T paddingMask, Mode mode);

    /**
     * The mean over axis 1 of {@code x} [batch, seq, hidden] of the positions whose 0/1 int64 {@code attentionMask}
     * [batch, seq] is 1 (every position when the mask is null): [batch, hidden].
     */
    T maskedMean(T x, T attentionMask);

    /**
     * Applies {@code body}, which works position by position, to {@code x} [batch, seq, width]. The eager
     * implementation in {@link Mode#INFERENCE} runs it on {@code chunk} positions at a time, each in its own scope, and
     * frees {@code x} afterwards, so the body's wide intermediates never exist for the whole sequence at once.
     */
    default T perPosition(Mode mode, T x, long chunk, UnaryOperator<T> body) {
        return body.apply(x);
    }

    /**
     * {@link #step}, and in eager {@link Mode#INFERENCE} frees {@code previous} (the previous step's output, not needed
     * again) once the step is done, so a deep stack never holds more than two layer outputs.
     */
    default T stepReplacing(Mode mode, T previous, Supplier<T> body) {
        return step(mode, body);
    }

    // ---- DeBERTa-v2/v3 ----

    /**
     * The relative-position rows of a batch of hidden states [batch, seq, width] (DeBERTa's disentangled attention):
     * rows of the relative-embedding {@code table} and the int64 indices [seq, seq] into them of the
     * content-to-position and position-to-content terms, the distances bucketed as {@code buckets} says. Eager
     * inference reads only the window of rows the sequence reaches ({@link RelativeBuckets#window}); a recorded
     * graph computes the indices from the run-time length ({@code Range}, log buckets in float32, {@code Clip}) over
     * the whole table. The gathered values are the same.
     */
    RelativeRows<T> relativeRows(Embedding table, T hidden, RelativeBuckets buckets);

    /**
     * {@code x} [..., n, m] gathered along its last axis at the int64 indices [n, k], the same for every leading
     * index ({@code torch.gather(x, -1, indices.expand(...))}, ONNX {@code GatherElements}): [..., n, k].
     */
    T gatherLast(T x, T indices);

    /** Inserts an axis of size 1 at {@code axis} (non-negative). */
    T unsqueeze(T x, int axis);

    /** A 0/1 int64 attention mask [batch, seq] as float [batch, seq, 1], to zero the states of padding. */
    T tokenMask(T attentionMask);

    // ---- Qwen3 / Qwen2 causal-LM rerankers ----

    /** {@code a - b}, broadcasting. */
    T sub(T a, T b);

    /** An {@link RmsNorm} over the last axis: {@code weight * x / sqrt(mean(x^2) + eps)}. */
    T rmsNorm(RmsNorm norm, T x);

    /** Splits the last axis in {@code n} without moving axes: [batch, seq, n * d] to [batch, seq, n, d]. */
    T unflattenLast(T x, int n);

    /**
     * The rotary angles [batch (or 1), seq, headDim] of int64 positions [batch (or 1), seq]: {@code position *
     * inv_freq}, the frequencies repeated over both halves ({@link RotaryEmbedding#inverseFrequencies}).
     */
    T rotaryAngles(RotaryEmbedding rope, T positions);

    /** Cosine, element-wise. */
    T cos(T x);

    /** Sine, element-wise. */
    T sin(T x);

    /**
     * Rotates split heads [batch, heads, seq, d] by their angles: {@code x cos + rotate_half(x) sin}, with {@code cos}
     * and {@code sin} [batch (or 1), seq, d] ({@link RotaryEmbedding#apply}).
     */
    T rotate(T x, T cos, T sin);

    /**
     * The additive causal + padding mask [batch, 1, seq, seq] of a 0/1 int64 mask [batch, seq]: a query attends to
     * keys at or before it that are real tokens; a fully masked row (a left pad) gets a finite, uniform softmax.
     */
    T causalMask(T attentionMask);

    /** The last position's state: [batch, seq, hidden] to [batch, hidden]. */
    T lastToken(T x);

    /** Each row's last real token (the last 1 of its mask), under any padding side: [batch, hidden]. */
    T lastRealToken(T x, T attentionMask);

    /**
     * The rows {@code ids} of a weight table: [ids.length, size] (constants in a recorded graph, so the rest of the
     * table need not be stored); {@code like} is any tensor of the batch (the eager result belongs to its manager).
     */
    T tableRows(Embedding table, long[] ids, T like);

    /** Positions {@code from} (inclusive) to {@code to} (exclusive) of the last axis. */
    T sliceLast(T x, long from, long to);

    /**
     * One step of a deep stack whose rows are independent: {@code body(x, rowInputs)}, each of {@code rowInputs}
     * split along axis 0 with {@code x}. The eager implementation in {@link Mode#INFERENCE} runs it on groups of at
     * most {@code max(1, maxTokens / seq)} rows, frees each group's intermediates as soon as it is done, and closes
     * {@code x} once the output exists (the running state is not needed again); a recorded graph runs the plain
     * formulation.
     */
    T rowGroups(Mode mode, long maxTokens, T x, List<T> rowInputs, BiFunction<T, List<T>, T> body);
}
