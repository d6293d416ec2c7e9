package dev.rerank4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.rerank4j.TextPair;
import dev.rerank4j.loss.PairModel;
import dev.rerank4j.model.Inputs;
import dev.rerank4j.model.Mode;
import dev.rerank4j.model.Network;
import dev.rerank4j.model.Parameters;
import dev.rerank4j.tokenize.PaddedBatch;
import dev.rerank4j.tokenize.PairTokenizer;
import java.util.List;

/**
 * The {@link PairModel} the losses see: tokenizes pairs (padded to the longest in the call), runs the network in
 * training mode (dropout, graph recorded) or evaluation mode, and backpropagates through the open gradient collector.
 */
final class TrainingModel implements PairModel {
    private final Network network;
    private final Parameters parameters;
    private final PairTokenizer tokenizer;
    private final NDManager manager;
    private final GradientCollector collector;

    /**
     * @param collector the open collector of a training pass, or null for evaluation
     */
    TrainingModel(
            Network network,
            Parameters parameters,
            PairTokenizer tokenizer,
            NDManager manager,
            GradientCollector collector) {
        this.network = network;
        this.parameters = parameters;
        this.tokenizer = tokenizer;
        this.manager = manager;
        this.collector = collector;
    }

    @Override
    public NDArray logits(List<TextPair> pairs) {
        PaddedBatch batch = tokenizer.pad(tokenizer.encode(pairs), network.usesTokenTypes());
        Shape shape = new Shape(batch.batch(), batch.seqLen());
        Inputs in = new Inputs(
                manager.create(batch.ids(), shape),
                manager.create(batch.typeIds(), shape),
                manager.create(batch.attentionMask(), shape));
        Mode mode = training() ? Mode.TRAINING : Mode.INFERENCE;
        return network.forward(parameters, in, mode);
    }

    @Override
    public NDArray logitsWithoutGradient(List<TextPair> pairs) {
        if (!training()) {
            return logits(pairs);
        }
        JniUtils.setGradMode(false);
        try {
            return logits(pairs);
        } finally {
            JniUtils.setGradMode(true);
        }
    }

    @Override
    public void backward(NDArray scalar) {
        if (collector == null) {
            throw new IllegalStateException("backward during evaluation: the model is not training");
        }
        collector.backward(scalar);
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public int numLabels() {
        return network.config().numLabels();
    }

    @Override
    public boolean training() {
        return collector != null;
    }
}
