package dev.rerank4j.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.rerank4j.ModelFormatException;
import dev.rerank4j.io.ModelWeights;
import dev.rerank4j.io.Tensor;
import dev.rerank4j.io.WeightsFormatException;
import dev.rerank4j.tokenize.PaddedBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bare encoder of a Hugging Face model directory, without any head: padded token ids in, last hidden states out.
 * Bi-encoders (embedding models) pool these states into one vector per text.
 *
 * <p>Inference only. Each call runs in its own {@link NDScope}, so native memory stays flat; calls are thread-safe.
 * Close the encoder once no call is running.
 */
public final class TransformerEncoder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransformerEncoder.class);

    private final Network network;
    private final NDManager root;
    private final Parameters parameters;

    private TransformerEncoder(Network network, NDManager root, Parameters parameters) {
        this.network = network;
        this.root = root;
        this.parameters = parameters;
    }

    /**
     * Loads the encoder weights of a model directory ({@code config.json} and {@code model.safetensors}); head
     * weights, if any, are ignored.
     *
     * @param threads libtorch intra-op threads at the engine's first start; 0 = one per core
     * @throws ModelFormatException naming the file and the problem when the directory cannot be used
     */
    public static TransformerEncoder load(Path modelDir, int threads) {
        if (!Files.isDirectory(modelDir)) {
            throw new ModelFormatException(
                    modelDir + ": not a directory; an encoder needs config.json and" + " model.safetensors");
        }
        ModelConfig config = ModelConfig.read(modelDir).withNumLabels(1);
        Network network = Architecture.of(config).network(config);
        Map<String, Tensor> weights;
        try {
            weights = ModelWeights.load(modelDir);
        } catch (IOException | WeightsFormatException e) {
            throw new ModelFormatException(modelDir + ": cannot read the weights (" + e.getMessage() + ")", e);
        }
        NDManager root = TorchRuntime.engine(threads).newBaseManager();
        try {
            ParameterLoader.Loaded loaded = ParameterLoader.loadEncoder(network, weights, root, modelDir.toString());
            if (!loaded.unused().isEmpty()) {
                LOG.debug(
                        "{}: weights not used by the encoder: {}",
                        modelDir,
                        ParameterLoader.abbreviate(loaded.unused()));
            }
            return new TransformerEncoder(network, root, loaded.parameters());
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /** The model configuration. */
    public ModelConfig config() {
        return network.config();
    }

    /** The width of a hidden state. */
    public int hiddenSize() {
        return network.config().hiddenSize();
    }

    /** The most tokens a sequence may hold (the position embeddings; for RoBERTa, less its padding offset). */
    public int maxPositions() {
        ModelConfig c = network.config();
        Architecture a = Architecture.of(c);
        return a.descriptor().maxSequenceLength(c);
    }

    /** Whether the architecture reads token type ids. */
    public boolean usesTokenTypes() {
        return network.usesTokenTypes();
    }

    /**
     * The last hidden states of one padded batch.
     *
     * @return {@code [batch * seqLen * hiddenSize]} floats, row-major
     */
    public float[] hiddenStates(PaddedBatch batch) {
        Shape shape = new Shape(batch.batch(), batch.seqLen());
        try (NDManager m = root.newSubManager();
                NDScope scope = new NDScope()) {
            Inputs in = new Inputs(
                    m.create(batch.ids(), shape),
                    m.create(batch.typeIds(), shape),
                    m.create(batch.attentionMask(), shape));
            return network.hiddenStates(parameters, in, Mode.INFERENCE).toFloatArray();
        }
    }

    @Override
    public void close() {
        parameters.close();
        root.close();
    }
}
