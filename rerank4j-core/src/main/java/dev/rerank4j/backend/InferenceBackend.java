package dev.rerank4j.backend;

import dev.rerank4j.tokenize.PaddedBatch;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The seam between rerank4j and a tensor engine: a padded batch of token ids in, plain float arrays out. Everything
 * above it (tokenization, length-sorted batching, activations, pooling, progress) is written once in plain Java;
 * everything below it is the engine's.
 *
 * <p>An implementation reads the batch's three [batch, seq] int64 inputs by the names Hugging Face exports use
 * ({@link #namedInputs}): {@value #INPUT_IDS}, {@value #ATTENTION_MASK}, and {@value #TOKEN_TYPE_IDS} when the
 * architecture has token types. libtorch (the {@code Network} implementations) is today's only backend; an ONNX
 * Runtime session can implement the same two calls from a cross-encoder's {@code logits} output and an encoder's
 * {@code last_hidden_state} output.
 *
 * <p>Calls are thread-safe; each call owns its native memory and frees it before returning. Close the backend once
 * no call is running.
 */
public interface InferenceBackend extends AutoCloseable {
    /** Input name of the token ids. */
    String INPUT_IDS = "input_ids";
    /** Input name of the attention mask (1 real token, 0 padding). */
    String ATTENTION_MASK = "attention_mask";
    /** Input name of the segment ids, present only for architectures with token types. */
    String TOKEN_TYPE_IDS = "token_type_ids";

    /** Whether the architecture reads {@value #TOKEN_TYPE_IDS}. */
    boolean usesTokenTypes();

    /** The classification head's logits of one batch, shape [batch, labels]. */
    Output logits(PaddedBatch batch);

    /** The encoder's last hidden states of one batch, shape [batch, seq, hidden]. */
    Output hiddenStates(PaddedBatch batch);

    /** Frees the weights. */
    @Override
    void close();

    /**
     * The batch's inputs by name, in the order {@value #INPUT_IDS}, {@value #ATTENTION_MASK}, then {@value
     * #TOKEN_TYPE_IDS} when {@code tokenTypes}; each row-major [batch, seq].
     */
    static Map<String, long[]> namedInputs(PaddedBatch batch, boolean tokenTypes) {
        Map<String, long[]> inputs = new LinkedHashMap<>();
        inputs.put(INPUT_IDS, batch.ids());
        inputs.put(ATTENTION_MASK, batch.attentionMask());
        if (tokenTypes) {
            inputs.put(TOKEN_TYPE_IDS, batch.typeIds());
        }
        return inputs;
    }

    /**
     * One output: row-major values and their shape.
     *
     * @param values the values, as many as the shape's product
     * @param shape the dimensions, each at least 0
     */
    record Output(float[] values, int[] shape) {
        public Output {
            Objects.requireNonNull(values, "values");
            shape = shape.clone();
            long n = 1;
            for (int d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException(
                            "shape must not hold negative sizes, got " + Arrays.toString(shape));
                }
                n *= d;
            }
            if (n != values.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values but "
                        + values.length + " were given");
            }
        }

        /** Size of dimension {@code i}. */
        public int dim(int i) {
            return shape[i];
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Output other
                    && Arrays.equals(values, other.values)
                    && Arrays.equals(shape, other.shape);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(values) + Arrays.hashCode(shape);
        }

        @Override
        public String toString() {
            return "Output[shape=" + Arrays.toString(shape) + "]";
        }
    }
}
