package dev.rerank4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rerank4j.ModelFormatException;
import dev.rerank4j.io.ModelWeights;
import dev.rerank4j.io.Tensor;
import dev.rerank4j.tokenize.PairEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Internal, not API: the door through which the {@code train} package reaches a {@link CrossEncoder}'s network,
 * weights and tokenizer. Kept in one place so that the rest of the model stays package-private; signatures may change
 * whenever the trainer needs them to.
 */
public final class TrainingAccess {
    private TrainingAccess() {}

    /** The model's network (its forward pass), e.g. for the ONNX exporter to record. */
    public static Network network(CrossEncoder model) {
        return model.network();
    }

    /** The directory the model was loaded from (for a hub id, its snapshot in the cache). */
    public static Path sourceDirectory(CrossEncoder model) {
        return model.sourceDir();
    }

    /** The model's weights, trained in place. */
    public static Parameters parameters(CrossEncoder model) {
        return model.parameters();
    }

    /** The libtorch runtime the model lives in (its engine, and the lock on the global random generator). */
    public static TorchRuntime runtime(CrossEncoder model) {
        return model.runtime();
    }

    /** The model's tokenizer. */
    public static PairEncoder tokenizer(CrossEncoder model) {
        return model.tokenizer();
    }

    /** The manager that owns the model's native memory; training state hangs below it. */
    public static NDManager manager(CrossEncoder model) {
        return model.root();
    }

    /**
     * The model's network with other dropout probabilities for training (the saved configuration keeps the model's
     * own): {@code NaN} keeps a probability as the model has it.
     */
    public static Network trainingNetwork(CrossEncoder model, float hiddenDropout, float attentionDropout) {
        ModelConfig c = model.config();
        float hidden = Float.isNaN(hiddenDropout) ? c.hiddenDropout() : hiddenDropout;
        float attention = Float.isNaN(attentionDropout) ? c.attentionDropout() : attentionDropout;
        return model.architecture().network(c.withDropout(hidden, attention));
    }

    /**
     * Saves the model like {@link CrossEncoder#save}, with the given model card as {@code README.md}; the directory
     * is replaced only once complete.
     */
    public static void save(CrossEncoder model, Path dir, String modelCard) throws IOException {
        ModelSaver.save(model, dir, modelCard);
    }

    /**
     * Overwrites the model's weights, in place, with those of a saved model directory (a checkpoint of the same
     * model).
     *
     * @throws ModelFormatException naming the weight when one is missing or has another shape
     */
    public static void loadWeights(CrossEncoder model, Path dir) throws IOException {
        Map<String, Tensor> saved = ModelWeights.load(dir);
        Parameters p = model.parameters();
        for (Map.Entry<String, NDArray> e : p.all().entrySet()) {
            Tensor t = saved.get(e.getKey());
            NDArray target = e.getValue();
            if (t == null || !Arrays.equals(t.shape(), target.getShape().getShape())) {
                throw new ModelFormatException(dir + ": weight " + e.getKey()
                        + (t == null
                                ? " is missing"
                                : " has shape " + Arrays.toString(t.shape()) + ", expected " + target.getShape())
                        + "; is this a checkpoint of the same model?");
            }
            try (NDManager tmp = model.root().newSubManager()) {
                tmp.create(t.values(), target.getShape()).copyTo(target);
            }
        }
    }
}
