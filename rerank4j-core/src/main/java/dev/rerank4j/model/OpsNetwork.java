package dev.rerank4j.model;

import ai.djl.ndarray.NDArray;
import dev.rerank4j.model.nn.EagerOps;
import dev.rerank4j.model.nn.Ops;
import dev.rerank4j.model.nn.TokenInputs;

/**
 * A {@link Network} whose forward pass is written once over {@link Ops}: libtorch runs it eagerly (inference and
 * training, with autograd) through {@link EagerOps}, and the ONNX exporter records the same description as a graph,
 * so the exported model cannot drift from the one that trains. The libtorch methods of {@link Network} are this
 * description run on {@link EagerOps}.
 */
public interface OpsNetwork extends Network {
    /** The last hidden states [batch, seq, hidden] of the encoder. */
    <T> T hiddenStates(Ops<T> ops, TokenInputs<T> inputs, Mode mode);

    /** The head's logits [batch, num_labels] computed from the encoder's hidden states. */
    <T> T logits(Ops<T> ops, T hiddenStates, Mode mode);

    /** The head's logits [batch, num_labels] of one padded batch. */
    default <T> T logits(Ops<T> ops, TokenInputs<T> inputs, Mode mode) {
        return logits(ops, hiddenStates(ops, inputs, mode), mode);
    }

    @Override
    default NDArray hiddenStates(Parameters p, Inputs inputs, Mode mode) {
        return hiddenStates(EagerOps.of(p), eager(inputs), mode);
    }

    @Override
    default NDArray logits(Parameters p, NDArray hiddenStates, Mode mode) {
        return logits(EagerOps.of(p), hiddenStates, mode);
    }

    @Override
    default NDArray logits(Parameters p, Inputs inputs, Mode mode) {
        return logits(EagerOps.of(p), eager(inputs), mode);
    }

    private static TokenInputs<NDArray> eager(Inputs in) {
        return new TokenInputs<>(in.inputIds(), in.tokenTypeIds(), in.attentionMask());
    }
}
