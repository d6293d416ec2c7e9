package dev.rerank4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.rerank4j.TextPair;
import dev.rerank4j.tokenize.PaddedBatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Gradients of a loss on a model's logits by libtorch autograd, for the ModernBERT gradient checks. */
final class ModernBertGradients {
    private ModernBertGradients() {}

    /** The value of {@code loss(logits of pairs as one padded batch)} and the gradients of the named weights. */
    record Result(double loss, Map<String, float[]> gradients) {}

    static Result of(CrossEncoder model, List<TextPair> pairs, Function<NDArray, NDArray> loss, List<String> names) {
        Network network = TrainingAccess.trainingNetwork(model, 0f, 0f);
        Parameters params = TrainingAccess.parameters(model);
        params.all().values().forEach(p -> p.setRequiresGradient(true));
        try (NDManager m = TrainingAccess.manager(model).newSubManager();
                NDScope scope = new NDScope()) {
            PaddedBatch batch = model.tokenizer().pad(model.tokenizer().encode(pairs), false);
            Shape shape = new Shape(batch.batch(), batch.seqLen());
            Inputs in = new Inputs(
                    m.create(batch.ids(), shape),
                    m.create(batch.typeIds(), shape),
                    m.create(batch.attentionMask(), shape));
            double value;
            try (GradientCollector gc = TrainingAccess.runtime(model).newGradientCollector()) {
                NDArray l = loss.apply(network.logits(params, in, Mode.TRAINING));
                gc.backward(l);
                value = l.getFloat();
            }
            Map<String, float[]> grads = new HashMap<>();
            for (String name : names) {
                grads.put(name, params.get(name).getGradient().toFloatArray());
            }
            return new Result(value, grads);
        } finally {
            params.all().values().forEach(p -> p.setRequiresGradient(false));
        }
    }
}
