package dev.rerank4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.rerank4j.backend.InferenceBackend;
import dev.rerank4j.tokenize.PaddedBatch;
import java.util.function.Function;

/**
 * The libtorch {@link InferenceBackend}: a {@link Network} over its {@link Parameters}. Each call runs in its own
 * sub-manager and {@link NDScope}, so every intermediate (the network frees most of them as it goes) is released
 * before the call returns and native memory stays flat. Calls run without autograd on any thread. Inference draws no random numbers (no dropout), so it never
 * touches libtorch's global generator.
 */
final class TorchBackend implements InferenceBackend {
    private final TorchRuntime runtime;
    private final Network network;
    private final Parameters parameters;
    private final NDManager root;

    /**
     * @param root the manager that owns {@code parameters}; each call's arrays live in a sub-manager of it. Closing
     *     this backend closes the parameters and the manager.
     */
    TorchBackend(TorchRuntime runtime, Network network, Parameters parameters, NDManager root) {
        this.runtime = runtime;
        this.network = network;
        this.parameters = parameters;
        this.root = root;
    }

    @Override
    public boolean usesTokenTypes() {
        return network.usesTokenTypes();
    }

    @Override
    public Output logits(PaddedBatch batch) {
        return run(batch, in -> network.forward(parameters, in, Mode.INFERENCE));
    }

    @Override
    public Output hiddenStates(PaddedBatch batch) {
        return run(batch, in -> network.hiddenStates(parameters, in, Mode.INFERENCE));
    }

    private Output run(PaddedBatch batch, Function<Inputs, NDArray> forward) {
        return runtime.withoutGradient(() -> forward(batch, forward));
    }

    private Output forward(PaddedBatch batch, Function<Inputs, NDArray> forward) {
        Shape shape = new Shape(batch.batch(), batch.seqLen());
        try (NDManager m = root.newSubManager();
                NDScope scope = new NDScope()) {
            Inputs in = new Inputs(
                    m.create(batch.ids(), shape),
                    m.create(batch.typeIds(), shape),
                    m.create(batch.attentionMask(), shape));
            NDArray out = forward.apply(in);
            long[] dims = out.getShape().getShape();
            int[] intDims = new int[dims.length];
            for (int i = 0; i < dims.length; i++) {
                intDims[i] = Math.toIntExact(dims[i]);
            }
            return new Output(out.toFloatArray(), intDims);
        }
    }

    @Override
    public void close() {
        parameters.close();
        root.close();
    }
}
